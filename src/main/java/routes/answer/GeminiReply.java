package routes.answer;

/** What Gemini gave back: the answer text, or why there is none (a block reason, a finish reason). */
public record GeminiReply(String text, String blockReason, String finishReason) {
    public boolean answered() {
        return text != null && !text.isBlank();
    }
}
