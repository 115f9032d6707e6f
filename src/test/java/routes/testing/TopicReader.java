package routes.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import routes.kafka.KafkaClientSettings;

/** Plain Kafka clients for tests: write raw records, and find one on a topic. */
public final class TopicReader {

    private TopicReader() {
    }

    public static void send(String bootstrap, String topic, String key, String value) throws Exception {
        sendAll(bootstrap, topic, List.of(Map.entry(key, value)));
    }

    /** Writes the records (key, value) in order, with one producer, and waits until all are acknowledged. */
    public static void sendAll(String bootstrap, String topic, List<Map.Entry<String, String>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (Map.Entry<String, String> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get();
            }
        }
    }

    /** Reads the topic from the start until a record matches, or returns null after the timeout. */
    public static ConsumerRecord<String, String> find(String bootstrap, String topic, Predicate<ConsumerRecord<String, String>> match,
                                                      Duration timeout) {
        return find(KafkaClientSettings.of(bootstrap), topic, match, timeout);
    }

    /** The same, on a cluster that needs security settings. */
    public static ConsumerRecord<String, String> find(KafkaClientSettings kafka, String topic, Predicate<ConsumerRecord<String, String>> match,
                                                      Duration timeout) {
        Properties props = kafka.clientProperties("test-reader");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
            return null;
        }
    }

    /** Every record now on the topic (read up to the end offsets it has when asked). */
    public static List<ConsumerRecord<String, String>> all(String bootstrap, String topic) {
        return all(KafkaClientSettings.of(bootstrap), topic);
    }

    public static List<ConsumerRecord<String, String>> all(KafkaClientSettings kafka, String topic) {
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        routes.kafka.TopicSnapshot.readRecords(kafka, topic, Duration.ofSeconds(20), records::add);
        return records;
    }
}
