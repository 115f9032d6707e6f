package routes.answer;

import routes.schema.BotResponse;

/** A retrieved message with what an answer needs to cite it. */
public record Candidate(String messageId, String channelId, String channelName, String author, String isoTimestamp,
                        String jumpUrl, double similarity, String text, String context, double score) {

    /** The same candidate ranked by a combined score. */
    public Candidate withScore(double newScore) {
        return new Candidate(messageId, channelId, channelName, author, isoTimestamp, jumpUrl, similarity, text, context, newScore);
    }


    public BotResponse.Source toSource(int excerptChars) {
        String excerpt = text.length() <= excerptChars ? text : text.substring(0, excerptChars - 1) + "…";
        return new BotResponse.Source(messageId, channelId, author, jumpUrl, Math.round(similarity * 1000) / 1000.0, excerpt);
    }
}
