package routes.schema;

import java.util.List;
import java.util.Map;

/** A question waiting for an answer on the bot-queries topic. */
public record BotQuery(
        String queryId,
        String originalMessageId,
        String question,
        String username,
        String userId,
        String channelId,
        String timestamp,
        Map<String, Object> context,
        Integer schemaVersion,
        String guildId,
        List<String> visibleChannelIds,
        List<String> audienceChannelIds) {

    /** Context key that `dlq replay` sets on a question it re-publishes: its answer says it is late. */
    public static final String LATE_ANSWER = "late_answer";
    /** Context key naming the gateway (console, http, discord) that must deliver the answer. */
    public static final String ORIGIN = "origin";
    /** Context keys telling the gateway where the answer goes: the channel or thread, an interaction, only its asker. */
    public static final String REPLY_CHANNEL = "reply_channel_id";
    public static final String REPLY_INTERACTION = "reply_interaction";
    public static final String REPLY_PRIVATE = "reply_private";

    /**
     * Context key saying why the question was asked: absent for a member who asked RTFM, {@link #PROACTIVE}
     * for a question RTFM noticed by itself (proactive answers), answered only when the ranking is sure.
     */
    public static final String TRIGGER = "trigger";
    public static final String PROACTIVE = "proactive";

    public boolean proactive() {
        return context != null && PROACTIVE.equals(context.get(TRIGGER));
    }

    public String origin() {
        Object origin = context == null ? null : context.get(ORIGIN);
        return origin == null ? null : origin.toString();
    }
}
