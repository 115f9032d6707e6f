package routes.schema;

/**
 * The dead-letter-queue envelope. The Python system's four fields come first; {@code message}
 * is the original record, as a JSON value when it parsed and as a string when it did not.
 * {@code timestamp} is an ISO-8601 string (the Python DLQ double-encoded it; both forms parse).
 */
public record DeadLetter(
        String originalTopic,
        Object message,
        String error,
        String timestamp,
        Integer partition,
        Long offset,
        String key,
        String errorType,
        Integer attempts,
        Long originalSize,
        String originalSha256) {

    /** Whether {@code message} holds only the start of a record too large to keep whole (then size and hash name it). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean truncated() {
        return originalSha256 != null;
    }
}
