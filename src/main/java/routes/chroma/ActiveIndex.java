package routes.chroma;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.kafka.CompactedTopicFollower;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicSnapshot;
import routes.metrics.RecordOutcomes;
import routes.schema.WireFormat;

/**
 * Keeps a processor on the active Chroma collection: reads rtfm-index-state whole before the routes
 * start, then follows it, so when `reindex` switches to a rebuilt collection every processor moves
 * to it within a poll (blue-green: the old one keeps answering until then).
 */
public class ActiveIndex extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveIndex.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ChromaCollection collection;
    private final CompactedTopicFollower follower;
    private volatile IndexState state;

    public ActiveIndex(KafkaClientSettings kafka, String topic, ChromaCollection collection, RecordOutcomes outcomes) {
        this.collection = collection;
        this.follower = new CompactedTopicFollower(kafka, topic, "index-state", TIMEOUT, this::take, outcomes);
    }

    /** The recorded state, or null when no reindex ever ran (the configured collection is the active one). */
    public IndexState state() {
        return state;
    }

    /** The state as it is now in the topic, read once (for `reindex`). */
    public static IndexState read(KafkaClientSettings kafka, String topic) {
        IndexState[] last = new IndexState[1];
        TopicSnapshot.read(kafka, topic, TIMEOUT, (key, value) -> last[0] = parse(key, value, last[0]));
        return last[0];
    }

    /** Records a new state, acknowledged by the cluster before it returns. */
    public static void publish(KafkaClientSettings kafka, String topic, IndexState state) throws Exception {
        Properties props = kafka.clientProperties("rtfm-index-state");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, IndexState.KEY, WireFormat.mapper().writeValueAsString(state)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The follower that keeps this state, for its health check. */
    public CompactedTopicFollower follower() {
        return follower;
    }

    @Override
    protected void doStart() {
        follower.start();
    }

    private String take(String key, String value) {
        IndexState next = parse(key, value, state);
        if (next == state) {
            return RecordOutcomes.SKIPPED;
        }
        apply(next);
        return RecordOutcomes.APPLIED;
    }

    private void apply(IndexState next) {
        if (next == null || next == state) {
            return;
        }
        state = next;
        collection.follow(next.activeCollection(), new HashSet<>(next.retiredCollections() == null ? List.of() : next.retiredCollections()));
    }

    private static IndexState parse(String key, String value, IndexState current) {
        if (!IndexState.KEY.equals(key) || value == null) {
            return current;
        }
        try {
            return WireFormat.mapper().readValue(value, IndexState.class);
        } catch (Exception e) {
            LOG.warn("Ignoring an index state that does not parse: {}", e.getMessage());
            return current;
        }
    }

    @Override
    protected void doStop() {
        follower.stop();
    }
}
