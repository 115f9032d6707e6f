package routes.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;

/**
 * A member's or a channel's indexing choice on the compacted rtfm-optouts topic: the latest per
 * key is the choice in force. {@code indexed == false} means nothing of the subject is kept;
 * {@code true} (after /remember or /rtfm include) means messages created from {@code at} on are
 * kept again, never the older ones. A record with a {@code requestId} also asks a processor to
 * remove what is stored and report the count to {@code reply}'s gateway.
 */
public record OptOut(
        String guildId,
        String subject,
        String subjectId,
        boolean indexed,
        String at,
        String reason,
        String requestedBy,
        String requestId,
        Map<String, Object> reply,
        Integer schemaVersion) {

    public static final String USER = "user";
    public static final String CHANNEL = "channel";

    public static String key(String guildId, String subject, String subjectId) {
        return guildId + ":" + subject + ":" + subjectId;
    }

    @JsonIgnore
    public String key() {
        return key(guildId, subject, subjectId);
    }

    /** Whether a message created at {@code created} may be stored under this choice. */
    public boolean allows(Instant created) {
        return indexed && !created.isBefore(Instant.parse(at));
    }
}
