package routes.backfill;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.kafka.CompactedTopicFollower;
import routes.kafka.KafkaClientSettings;
import routes.metrics.RecordOutcomes;
import routes.schema.WireFormat;

/**
 * Every channel's backfill watermark, read whole from rtfm-backfill-state when the bot starts, and
 * written back (acknowledged before backfill moves on) as each page of history is published. A
 * restarted bot, or another one, carries on where the last one stopped.
 */
public class Watermarks extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Watermarks.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClientSettings kafka;
    private final String topic;
    private final Map<String, Watermark> byKey = new ConcurrentHashMap<>();
    private KafkaProducer<String, String> producer;

    private final CompactedTopicFollower follower;

    public Watermarks(KafkaClientSettings kafka, String topic, RecordOutcomes outcomes) {
        this.kafka = kafka;
        this.topic = topic;
        this.follower = new CompactedTopicFollower(kafka, topic, "backfill-state", TIMEOUT, this::take, outcomes);
    }

    private String take(String key, String value) {
        if (value == null) {
            return byKey.remove(key) != null ? RecordOutcomes.DELETED : RecordOutcomes.SKIPPED;
        }
        try {
            byKey.put(key, WireFormat.mapper().readValue(value, Watermark.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a watermark: " + e.getOriginalMessage(), e);
        }
        return RecordOutcomes.APPLIED;
    }

    public Watermark get(String guildId, String channelId) {
        return byKey.get(guildId + ":" + channelId);
    }

    public void save(Watermark watermark) {
        try {
            producer.send(new ProducerRecord<>(topic, watermark.key(), WireFormat.mapper().writeValueAsString(watermark)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving the backfill watermark of " + watermark.key(), e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot save the backfill watermark of " + watermark.key() + ": " + e.getMessage(), e);
        }
        byKey.put(watermark.key(), watermark);
    }

    /** The follower that keeps the watermarks, for its health check. */
    public CompactedTopicFollower follower() {
        return follower;
    }

    @Override
    protected void doStart() {
        follower.start();
        LOG.info("Backfill watermarks loaded from {}: {} channel(s) read before", topic, byKey.size());
        Properties props = kafka.clientProperties("rtfm-backfill-state");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @Override
    protected void doStop() {
        follower.stop();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
