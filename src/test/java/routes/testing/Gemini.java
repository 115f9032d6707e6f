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
}
