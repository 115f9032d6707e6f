package routes.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.background.Backoff;
import routes.metrics.RecordOutcomes;

/**
 * The one way a process keeps a view of a compacted topic (opt-outs, the active index, backfill
 * watermarks): the topic is read to its end before the service counts as started, then followed on a
 * daemon thread from exactly there. The thread keeps following through any error, with a backoff
 * (1 s doubling to 30 s), from where it was; its health check [rtfm/follow-&lt;name&gt;] is DOWN until it
 * polls again, and shows the age of its last good poll. Partitions added to the topic while it runs (an
 * operator raising them, or another instance's topic reconciliation) are followed from their start once
 * its metadata shows them, within METADATA_MAX_AGE. Every instance reads every record (no consumer
 * group): a view is a table, not work. Each record is accounted for [rtfm_records_total].
 */
public class CompactedTopicFollower extends ServiceSupport {

    /** What a view does with one record (value null: a tombstone): the outcome, as RecordOutcomes names it. */
    @FunctionalInterface
    public interface View {
        String take(String key, String value);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How stale the consumer's view of the topic's partitions may get: a partition added is followed within this. */
    static final Duration METADATA_MAX_AGE = Duration.ofSeconds(30);

    private final KafkaClientSettings kafka;
    private final String topic;
    private final String name;
    private final Duration loadTimeout;
    private final View view;
    private final RecordOutcomes outcomes;
    private Function<Properties, Consumer<String, String>> consumers =
            props -> new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    private volatile Consumer<String, String> consumer;
    private volatile Instant lastPoll;
    private volatile String failure;
    private Thread thread;

    /**
     * @param name        names the thread, the Kafka client and the health check (e.g. "opt-outs")
     * @param loadTimeout how long the first read to the end may take before start fails
     * @param outcomes    counts each record by its outcome; null counts nothing (command-line tools)
     */
    public CompactedTopicFollower(KafkaClientSettings kafka, String topic, String name, Duration loadTimeout, View view,
                                  RecordOutcomes outcomes) {
        this.kafka = kafka;
        this.topic = topic;
        this.name = name;
        this.loadTimeout = loadTimeout;
        this.view = view;
        this.outcomes = outcomes;
    }

    /** For tests that inject a failing client: how the follower makes its consumer. */
    public void consumers(Function<Properties, Consumer<String, String>> factory) {
        this.consumers = factory;
    }

    public String topic() {
        return topic;
    }

    /** Whether the last poll succeeded (false until the first one, and while errors last). */
    public boolean following() {
        return failure == null && lastPoll != null;
    }

    /** Reads the topic to its end, now, into the view; fails, naming the topic, when it has no partitions. */
    public Map<TopicPartition, Long> load() {
        return TopicSnapshot.readExisting(kafka, topic, loadTimeout, this::take);
    }

    @Override
    protected void doStart() {
        Map<TopicPartition, Long> end = load();
        Properties config = kafka.clientProperties("rtfm-follow-" + name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) METADATA_MAX_AGE.toMillis());
        consumer = consumers.apply(config);
        // followed from where the first read ended: nothing written in between is missed
        consumer.assign(end.keySet());
        end.forEach(consumer::seek);
        lastPoll = Instant.now();
        thread = new Thread(this::follow, "rtfm-follow-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        Backoff backoff = new Backoff();
        try {
            while (isRunAllowed()) {
                try {
                    List<TopicPartition> added = AddedPartitions.follow(consumer, topic);
                    if (!added.isEmpty()) {
                        LOG.info("Following {} partition(s) added to {}: {}", added.size(), topic, added);
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                        take(record.key(), record.value());
                    }
                    lastPoll = Instant.now();
                    if (failure != null) {
                        LOG.info("Following {} again", topic);
                    }
                    failure = null;
                    backoff.reset();
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException | Error e) {
                    // any failure, an Error too (a class that fails to load, memory that runs out for a moment): the position
                    // stays where the last good poll left it, so nothing is skipped once it recovers
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.warn("Following {} failed ({}); trying again in {} s", topic, failure, backoff.next().toSeconds());
                    backoff.pause();
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            // stopped during a backoff: the interrupt has done its work, and would cut the close short
            Thread.interrupted();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void take(String key, String value) {
        String outcome;
        String skipReason = "no_change";
        try {
            outcome = view.take(key, value);
        } catch (RuntimeException e) {
            // a bad entry changes nothing in the view; the route that consumes the topic dead-letters it, if any does
            LOG.warn("Ignoring record {} of {}: {}", key, topic, e.getMessage());
            outcome = RecordOutcomes.SKIPPED;
            skipReason = "unreadable";
        }
        if (outcomes != null) {
            String reader = "follow-" + name;
            outcomes.taken(topic, reader, 1);
            outcomes.outcome(topic, reader, outcome, 1);
            if (RecordOutcomes.SKIPPED.equals(outcome)) {
                outcomes.skipped(topic, reader, skipReason, 1);
            }
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        Consumer<String, String> client = consumer;
        if (client != null) {
            client.wakeup();
            thread.join(1_000);
            // still in a backoff sleep
            thread.interrupt();
            thread.join(5_000);
        }
    }

    /** Its state in /observe/health: DOWN while polls fail, with the age of the last good one. */
    public AbstractHealthCheck healthCheck() {
        return new AbstractHealthCheck("rtfm", "follow-" + name) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.detail("topic", topic);
                Instant last = lastPoll;
                builder.detail("last_poll_age_ms", last == null ? -1 : Duration.between(last, Instant.now()).toMillis());
                if (failure != null) {
                    builder.detail("failure", failure);
                }
                if (following()) {
                    builder.up();
                } else {
                    builder.down();
                }
            }
        };
    }
}
