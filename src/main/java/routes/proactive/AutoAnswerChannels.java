package routes.proactive;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.kafka.CompactedTopicFollower;
import routes.kafka.KafkaClientSettings;
import routes.metrics.RecordOutcomes;
import routes.schema.ChannelSetting;
import routes.schema.WireFormat;

/**
 * The channels where proactive answers are on, as every bot holds them: read in full from the
 * compacted rtfm-channel-settings topic before Discord's events arrive, then followed through errors
 * (CompactedTopicFollower, health check rtfm/follow-channel-settings). A channel is off unless its
 * latest setting says on.
 */
public class AutoAnswerChannels extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AutoAnswerChannels.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, ChannelSetting> settings = new ConcurrentHashMap<>();
    private final WireFormat wireFormat;
    private final CompactedTopicFollower follower;

    public AutoAnswerChannels(WireFormat wireFormat, KafkaClientSettings kafka, String topic, RecordOutcomes outcomes) {
        this.wireFormat = wireFormat;
        this.follower = new CompactedTopicFollower(kafka, topic, "channel-settings", LOAD_TIMEOUT, this::take, outcomes);
    }

    public boolean enabled(String guildId, String channelId) {
        ChannelSetting setting = settings.get(ChannelSetting.key(guildId, channelId));
        return setting != null && setting.autoanswer();
    }

    /** Applies a setting at once: the bot that took /rtfm autoanswer must not wait for its own record. */
    public ChannelSetting apply(ChannelSetting setting) {
        settings.put(setting.key(), setting);
        return setting;
    }

    public CompactedTopicFollower follower() {
        return follower;
    }

    private String take(String key, String value) {
        if (value == null) {
            return settings.remove(key) != null ? RecordOutcomes.DELETED : RecordOutcomes.SKIPPED;
        }
        apply(wireFormat.parse(value, ChannelSetting.class));
        return RecordOutcomes.APPLIED;
    }

    @Override
    protected void doStart() {
        follower.start();
        LOG.info("Proactive answers are on in {} channel(s) ({})", settings.values().stream().filter(ChannelSetting::autoanswer).count(),
                follower.topic());
    }

    @Override
    protected void doStop() {
        follower.stop();
    }
}
