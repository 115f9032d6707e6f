package routes.testing;

/** Gemini generateContent responses in the documented shapes, for WireMock. */
public final class Gemini {

    private Gemini() {
    }

    public static String answer(String text) {
        return """
                {"candidates": [{"content": {"parts": [{"text": %s}], "role": "model"},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 812, "candidatesTokenCount": 41, "totalTokenCount": 853},
                 "modelVersion": "gemini-2.5-flash"}
                """.formatted(routes.schema.WireFormat.mapper().valueToTree(text).toString());
    }

    public static String blocked() {
        return """
                {"promptFeedback": {"blockReason": "SAFETY", "safetyRatings": []},
                 "usageMetadata": {"promptTokenCount": 812, "totalTokenCount": 812}}
                """;
    }

    public static String unavailable() {
        return """
                {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}
                """;
    }

    /** A per-minute quota exhausted, with the wait Gemini asks for in RetryInfo. */
    public static String quotaPerMinute(String retryDelay) {
        return """
                {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED",
                  "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                               "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                                               "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
                              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "%s"}]}}
                """.formatted(retryDelay);
    }

    public static String invalidKey() {
        return """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT"}}
                """;
    }
}
