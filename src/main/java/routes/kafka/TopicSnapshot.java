package routes.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a (compacted) topic from its start to the end it has now, without joining a consumer
 * group: the state a topic keeps (watermarks, choices), as of this moment.
 */
public final class TopicSnapshot {

    private TopicSnapshot() {
    }

    private static final Duration METADATA_RETRY = Duration.ofMillis(200);

    /**
     * Hands every record's key and value (null for a tombstone) to the consumer, oldest first per
     * partition, and returns where the topic ended. A topic that does not exist reads as empty (a
     * command-line tool asking for dead letters nobody wrote).
     */
    public static Map<TopicPartition, Long> read(KafkaClientSettings kafka, String topic, Duration timeout, BiConsumer<String, String> record) {
        return readRecords(kafka, topic, timeout, false, r -> record.accept(r.key(), r.value()));
    }

    /**
     * As {@link #read}, for a topic that must exist: a follower starts where this read ended, and from
     * an empty end it would follow nothing, for good. A topic just created reaches a broker's metadata
     * a moment later and reads as absent until then, so its partitions are waited for, up to the
     * timeout; a topic still without them fails the read, naming it.
     */
    public static Map<TopicPartition, Long> readExisting(KafkaClientSettings kafka, String topic, Duration timeout,
                                                         BiConsumer<String, String> record) {
        return readRecords(kafka, topic, timeout, true, r -> record.accept(r.key(), r.value()));
    }

    /** As {@link #read}, handing over each whole record (its partition, offset and timestamp too). */
    public static Map<TopicPartition, Long> readRecords(KafkaClientSettings kafka, String topic, Duration timeout,
                                                        java.util.function.Consumer<ConsumerRecord<String, String>> record) {
        return readRecords(kafka, topic, timeout, false, record);
    }

    private static Map<TopicPartition, Long> readRecords(KafkaClientSettings kafka, String topic, Duration timeout, boolean mustExist,
                                                         java.util.function.Consumer<ConsumerRecord<String, String>> record) {
        Properties props = kafka.clientProperties("rtfm-snapshot-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            while (mustExist && partitions.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has no partitions after " + timeout.toSeconds()
                            + " s: create it (topics create, or RTFM_CREATE_TOPICS=true)");
                }
                sleep(METADATA_RETRY);
                partitions = partitions(consumer, topic, timeout);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(300)).forEach(record);
            }
            return ends;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a topic's partitions", e);
        }
    }
}
