package routes.schema;

import java.util.List;
import java.util.Map;

/** An answer on the bot-responses topic, with the messages it was drawn from. */
public record BotResponse(
        String responseId,
        String queryId,
        String originalMessageId,
        String responseText,
        String channelId,
        String timestamp,
        Map<String, Object> metadata,
        Integer schemaVersion,
        String mode,
        List<Source> sources,
        String model,
        Long latencyMs) {

    /**
     * One question, one response id: answering it again (a redelivery, a replayed dead letter)
     * gives the same id, so whoever delivers can tell a duplicate.
     */
    public static String idFor(String queryId) {
        return "response_" + java.util.UUID.nameUUIDFromBytes(("rtfm-response:" + queryId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Metadata keys naming the question's guild and asker, so the question log can apply the opt-out list to an answer alone. */
    public static final String GUILD_ID = "guild_id";
    public static final String ASKER_ID = "asker_id";
    /** Metadata key of the ranking's score for the first source (similarity, words and answer links), beside its similarity ("confidence"). */
    public static final String RANK_SCORE = "rank_score";

    public static final String GENERATED = "generated";
    public static final String SOURCES_ONLY = "sources_only";
    public static final String NO_MATCH = "no_match";
    public static final String ERROR = "error";
    /** A proactive question the ranking was not sure enough to answer: logged, never delivered. */
    public static final String PROACTIVE_SKIPPED = "proactive_skipped";
    /** Not an answer: the outcome of a request such as /forget, for the one who made it. */
    public static final String NOTICE = "notice";

    /** One cited message. */
    public record Source(String messageId, String channelId, String author, String jumpUrl, Double score, String excerpt) {
    }

    public String origin() {
        Object origin = metadata == null ? null : metadata.get(BotQuery.ORIGIN);
        return origin == null ? null : origin.toString();
    }
}
