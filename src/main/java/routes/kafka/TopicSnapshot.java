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

    /**
     * Hands every record's key and value (null for a tombstone) to the consumer, oldest first per
     * partition, and returns where the topic ended: a follower starts there.
     */
    public static Map<TopicPartition, Long> read(KafkaClientSettings kafka, String topic, Duration timeout, BiConsumer<String, String> record) {
        return readRecords(kafka, topic, timeout, r -> record.accept(r.key(), r.value()));
    }

    /** As {@link #read}, handing over each whole record (its partition, offset and timestamp too). */
    public static Map<TopicPartition, Long> readRecords(KafkaClientSettings kafka, String topic, Duration timeout,
                                                        java.util.function.Consumer<ConsumerRecord<String, String>> record) {
        Properties props = kafka.clientProperties("rtfm-snapshot-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(300)).forEach(record);
            }
            return ends;
        }
    }
}
