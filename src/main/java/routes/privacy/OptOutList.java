package routes.privacy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.kafka.CompactedTopicFollower;
import routes.kafka.KafkaClientSettings;
import routes.metrics.RecordOutcomes;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;
import routes.schema.WireFormat;

/**
 * The opt-out list every processor holds: read in full from the compacted rtfm-optouts topic
 * before any route starts (so no message of a member who left is stored in the meantime), then
 * followed live through errors (CompactedTopicFollower, health check rtfm/follow-opt-outs).
 */
public class OptOutList extends ServiceSupport {

    public static final String OPTED_OUT = "opted_out";
    public static final String EXCLUDED_CHANNEL = "excluded_channel";

    private static final Logger LOG = LoggerFactory.getLogger(OptOutList.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;

    private final Map<String, OptOut> choices = new ConcurrentHashMap<>();
    private final WireFormat wireFormat;
    private final CompactedTopicFollower follower;

    public OptOutList(WireFormat wireFormat, KafkaClientSettings kafka, String topic, RecordOutcomes outcomes) {
        this.wireFormat = wireFormat;
        this.follower = new CompactedTopicFollower(kafka, topic, "opt-outs", LOAD_TIMEOUT, this::take, outcomes);
    }

    /** Applies a choice at once (the processor that handles a request must not wait for its own record). */
    public OptOut apply(OptOut choice) {
        choices.put(choice.key(), choice);
        return choice;
    }

    /** Why a record of rtfm-optouts is no choice to apply: a tombstone (a purged key) is not one; null for any other. */
    public String skipReasonOf(@Body String json) {
        return json == null ? "tombstone" : null;
    }

    /** Reads an opt-out record from rtfm-optouts and applies it here at once. */
    public OptOut applyRecord(@Body String json) {
        return apply(wireFormat.parse(json, OptOut.class));
    }

    /** Why this message must not be stored (its author opted out, its channel is excluded), or null. */
    public String skipReason(@Variable("message") DiscordMessage message) {
        if (message.isDeletion() || message.guildId() == null) {
            return null;
        }
        Object parent = message.metadata() == null ? null : message.metadata().get(DiscordMessage.PARENT_CHANNEL);
        return refusal(message.guildId(), message.userId(), createdAt(message.timestamp()),
                message.channelId(), message.threadId(), parent == null ? null : parent.toString());
    }

    /**
     * Why what this member wrote in these channels at this time (null: unknown) must not be kept (their
     * choice, or the channel's), or null. The question log asks it of questions and votes.
     */
    public String refusal(String guildId, String userId, Instant at, String... channelIds) {
        if (guildId == null) {
            return null;
        }
        if (userId != null && refuses(OptOut.key(guildId, OptOut.USER, userId), at)) {
            return OPTED_OUT;
        }
        for (String channel : channelIds) {
            if (channel != null && refuses(OptOut.key(guildId, OptOut.CHANNEL, channel), at)) {
                return EXCLUDED_CHANNEL;
            }
        }
        return null;
    }

    /**
     * Whether a message of this author, with this Discord id, is forgotten: its text may not serve
     * as another message's context either. The id's snowflake gives its time; an id that is not a
     * snowflake counts as forgotten wherever the author made a choice.
     */
    public boolean forgot(String guildId, String authorId, String messageId) {
        if (guildId == null || authorId == null) {
            return false;
        }
        Instant created = null;
        try {
            created = Instant.ofEpochMilli((Long.parseLong(messageId) >> 22) + DISCORD_EPOCH_MS);
        } catch (NumberFormatException | NullPointerException notASnowflake) {
            // unknown age
        }
        return refuses(OptOut.key(guildId, OptOut.USER, authorId), created);
    }

    public int size() {
        return choices.size();
    }

    private boolean refuses(String key, Instant created) {
        OptOut choice = choices.get(key);
        return choice != null && (created == null || !choice.allows(created));
    }

    /** An ISO timestamp as an instant, or null when it is missing or unreadable. */
    public static Instant createdAt(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            // unknown age: refused wherever a choice exists, kept elsewhere
            return null;
        }
    }

    /** The follower that keeps this list, for its health check. */
    public CompactedTopicFollower follower() {
        return follower;
    }

    @Override
    protected void doStart() {
        follower.start();
        LOG.info("Opt-out list loaded from {}: {} choice(s) in force", follower.topic(), choices.size());
    }

    private String take(String key, String value) {
        if (value == null) {
            return choices.remove(key) != null ? RecordOutcomes.DELETED : RecordOutcomes.SKIPPED;
        }
        // a bad entry is not a choice (the follower logs and skips it); apply-opt-outs dead-letters it with the reason
        apply(wireFormat.parse(value, OptOut.class));
        return RecordOutcomes.APPLIED;
    }

    @Override
    protected void doStop() {
        follower.stop();
    }
}
