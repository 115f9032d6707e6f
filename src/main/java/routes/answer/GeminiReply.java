package routes.answer;

/**
 * What Gemini gave back: the answer text, or why there is none (a block reason, a finish reason),
 * and the tokens it counted (null when it did not say).
 */
public record GeminiReply(String text, String blockReason, String finishReason, Long promptTokens, Long outputTokens) {

    public GeminiReply(String text, String blockReason, String finishReason) {
        this(text, blockReason, finishReason, null, null);
    }

    public boolean answered() {
        return text != null && !text.isBlank();
    }
}
