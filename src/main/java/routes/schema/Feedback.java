package routes.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A member's vote on an answer (👍 up, 👎 down, with an optional comment), on the compacted
 * rtfm-feedback topic: keyed {@code query_id:user_id}, so a member's later vote replaces the earlier one.
 */
public record Feedback(String queryId, String guildId, String channelId, String userId, String vote, String comment, String at,
                       Integer schemaVersion) {

    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final int MAX_COMMENT_CHARS = 300;
    /** The comment of the 👎 a member gives by removing a proactive answer ("Not helpful, remove"). */
    public static final String REMOVED = "removed: not helpful";

    @JsonIgnore
    public String key() {
        return queryId + ":" + userId;
    }
}
