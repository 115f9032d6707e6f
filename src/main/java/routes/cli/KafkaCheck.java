package routes.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import routes.backfill.Watermark;
import routes.chroma.IndexState;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicSpec;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.ChannelSetting;
import routes.schema.DeadLetter;
import routes.schema.DiscordMessage;
import routes.schema.Feedback;
import routes.schema.OptOut;
import routes.schema.WireFormat;

/**
 * The Python system's test_kafka.py: writes one schema-valid record to a topic, reads it back in a
 * fresh consumer group and checks it is the same record and still valid.
 */
public final class KafkaCheck implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final KafkaClientSettings kafka;
    private final WireFormat wireFormat = new WireFormat();
    private final KafkaProducer<String, String> producer;

    public KafkaCheck(KafkaClientSettings kafka) {
        this.kafka = kafka;
        Properties props = kafka.clientProperties("rtfm-kafka-check");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** The outcome for one topic. */
    public record Result(String topic, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + topic + ": " + detail;
        }
    }

    private static final String IDEMPOTENCY = "idempotency";
    private static final String IDEMPOTENT_ADD = "add";
    private static final String BACKFILL_STATE = "backfill-state";
    private static final String INDEX_STATE = "index-state";

    public Result check(TopicSpec topic) {
        String marker = "kafka-check-" + UUID.randomUUID();
        Object sample = sample(topic.role(), marker);
        // the opt-out list is a compacted table: its check record keeps its one key, so checks never pile up there
        // the index state's check record is never under the key processors follow ("active")
        String key = sample instanceof OptOut choice ? choice.key() : sample instanceof Watermark mark ? mark.key()
                : sample instanceof IndexState ? "kafka-check" : marker;
        // the delivered-answers topic holds the idempotent repository's own entries ("add" under an id), no wire record
        String value = IDEMPOTENCY.equals(topic.role()) ? IDEMPOTENT_ADD : wireFormat.write(sample);
        long started = System.nanoTime();
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic.name(), key, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String readBack = readBack(topic.name(), written, key);
            if (readBack == null) {
                return new Result(topic.name(), false, "wrote to partition " + written.partition() + " offset "
                        + written.offset() + " but could not read it back within " + TIMEOUT.toSeconds() + " s");
            }
            if (!readBack.equals(value)) {
                return new Result(topic.name(), false, "read back a different record than was written");
            }
            validate(topic.role(), readBack);
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new Result(topic.name(), true, "wrote and read back a valid record (partition " + written.partition()
                    + ", offset " + written.offset() + ", " + millis + " ms)");
        } catch (ExecutionException e) {
            return new Result(topic.name(), false, e.getCause().getMessage());
        } catch (TimeoutException e) {
            return new Result(topic.name(), false, "Kafka at " + kafka.bootstrapServers() + " did not acknowledge within "
                    + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(topic.name(), false, "interrupted");
        } catch (RuntimeException e) {
            return new Result(topic.name(), false, e.getMessage());
        }
    }

    private String readBack(String topic, RecordMetadata written, String key) {
        Properties props = kafka.clientProperties("rtfm-kafka-check");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "rtfm-kafka-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, written.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        consumer.commitSync(Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(record.offset() + 1)));
                        return record.value();
                    }
                }
            }
            return null;
        }
    }

    private void validate(String role, String json) {
        switch (role) {
            case "messages" -> wireFormat.parseMessage(json);
            case "queries" -> wireFormat.parseQuery(json);
            case "responses" -> wireFormat.parseResponse(json);
            case "optouts" -> wireFormat.parse(json, OptOut.class);
            case "feedback" -> wireFormat.parse(json, Feedback.class);
            case "channel-settings" -> wireFormat.parse(json, ChannelSetting.class);
            case BACKFILL_STATE, INDEX_STATE -> {
                try {
                    Class<?> type = BACKFILL_STATE.equals(role) ? Watermark.class : IndexState.class;
                    WireFormat.mapper().readValue(json, type);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("not a " + role + " record: " + e.getOriginalMessage());
                }
            }
            case IDEMPOTENCY -> {
                if (!IDEMPOTENT_ADD.equals(json)) {
                    throw new IllegalStateException("not an idempotent repository entry: " + json);
                }
            }
            default -> wireFormat.parse(json, DeadLetter.class);
        }
    }

    static Object sample(String role, String marker) {
        String now = Instant.now().toString();
        return switch (role) {
            case "messages" -> new DiscordMessage(marker, "kafka-check message", "kafka-check", "0", "0", now, Map.of(),
                    WireFormat.SCHEMA_VERSION, DiscordMessage.CREATED, null, null, null, null, false, List.of(), null, null, null);
            case "queries" -> new BotQuery(marker, marker, "is Kafka working?", "kafka-check", "0", "0", now,
                    Map.of(BotQuery.ORIGIN, "kafka-check"), WireFormat.SCHEMA_VERSION, null, null, null);
            case "responses" -> new BotResponse(marker, marker, marker, "Kafka works", "0", now,
                    Map.of(BotQuery.ORIGIN, "kafka-check"), WireFormat.SCHEMA_VERSION, BotResponse.NO_MATCH, List.of(), null, 0L);
            // a choice that changes nothing (no such guild; "indexed from now on"), under one fixed key that compaction keeps single
            case "optouts" -> new OptOut("kafka-check", OptOut.USER, "kafka-check", true, now, "remember", null, null, null,
                    WireFormat.SCHEMA_VERSION);
            // a vote of no guild's member on no answer, under one fixed key that compaction keeps single (the log keeps it
            // as a row of guild kafka-check until its retention)
            case "feedback" -> new Feedback("kafka-check", "kafka-check", "kafka-check", "kafka-check", Feedback.UP, null, now,
                    WireFormat.SCHEMA_VERSION);
            // proactive answers off in no guild's channel, under one fixed key that compaction keeps single
            case "channel-settings" -> new ChannelSetting("kafka-check", "kafka-check", false, null, now, WireFormat.SCHEMA_VERSION);
            // a watermark of no guild's channel, under one fixed key that compaction keeps single
            case BACKFILL_STATE -> new Watermark("kafka-check", "kafka-check", null, null, true, 0, now);
            case INDEX_STATE -> new IndexState("kafka-check", List.of(), "kafka-check", now);
            default -> new DeadLetter("kafka-check", Map.of("marker", marker), "kafka-check test record", now, 0, 0L, marker,
                    "kafka-check", 1, null, null);
        };
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
