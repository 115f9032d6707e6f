package routes.answer;

import java.util.List;
import routes.schema.BotResponse;

/**
 * A retrieved message with what an answer needs to cite it, and what ranking needs to know of its
 * conversation: its author, the message it replies to and the thread it is in (null when none), and
 * whether a member marked it as the solution of its question ("Mark as solution").
 */
public record Candidate(String messageId, String channelId, String channelName, String author, String isoTimestamp,
                        String jumpUrl, double similarity, String text, String context, double score,
                        String authorId, String replyTo, String threadId, boolean solution, List<String> mentions) {

    /** A candidate that mentions nobody. */
    public Candidate(String messageId, String channelId, String channelName, String author, String isoTimestamp,
                     String jumpUrl, double similarity, String text, String context, double score,
                     String authorId, String replyTo, String threadId, boolean solution) {
        this(messageId, channelId, channelName, author, isoTimestamp, jumpUrl, similarity, text, context, score, authorId, replyTo, threadId,
                solution, List.of());
    }

    /** A candidate nobody marked as a solution. */
    public Candidate(String messageId, String channelId, String channelName, String author, String isoTimestamp,
                     String jumpUrl, double similarity, String text, String context, double score,
                     String authorId, String replyTo, String threadId) {
        this(messageId, channelId, channelName, author, isoTimestamp, jumpUrl, similarity, text, context, score, authorId, replyTo, threadId,
                false);
    }

    /** A candidate whose conversation is unknown. */
    public Candidate(String messageId, String channelId, String channelName, String author, String isoTimestamp,
                     String jumpUrl, double similarity, String text, String context, double score) {
        this(messageId, channelId, channelName, author, isoTimestamp, jumpUrl, similarity, text, context, score, null, null, null);
    }

    /** The same candidate ranked by a combined score. */
    public Candidate withScore(double newScore) {
        return new Candidate(messageId, channelId, channelName, author, isoTimestamp, jumpUrl, similarity, text, context, newScore,
                authorId, replyTo, threadId, solution, mentions);
    }

    /** Whether it continues another message: a reply, or a message in a thread (whose id is its starter's). */
    public boolean continuesAnother() {
        return replyTo != null || (threadId != null && !threadId.equals(messageId));
    }

    /** Whether it @mentions this member. */
    public boolean mentions(String userId) {
        return userId != null && mentions != null && mentions.contains(userId);
    }

    /** The message it continues, if any: what it replies to, else its thread's starter. */
    public String parentId() {
        return replyTo != null ? replyTo : threadId != null && !threadId.equals(messageId) ? threadId : null;
    }

    /** The message it answers (its parent's text), on one line and at most {@code chars} long; null when it continues none. */
    public String answering(int chars) {
        if (context == null || context.isBlank()) {
            return null;
        }
        String line = context.strip().replaceAll("\\s+", " ");
        return line.length() <= chars ? line : line.substring(0, chars - 1) + "…";
    }

    public BotResponse.Source toSource(int excerptChars) {
        String excerpt = text.length() <= excerptChars ? text : text.substring(0, excerptChars - 1) + "…";
        return new BotResponse.Source(messageId, channelId, author, jumpUrl, Math.round(similarity * 1000) / 1000.0, excerpt);
    }
}
