package routes.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import routes.schema.BotQuery;
import routes.schema.DeadLetter;
import routes.schema.InvalidRecordException;
import routes.schema.WireFormat;

/**
 * The dead-letter queue as an operator sees it: every envelope on the topic, read from the start
 * without joining a consumer group (nothing is committed, nothing taken away from anyone), and the
 * originals re-published to their topics under their original keys.
 */
public final class DeadLetterStore {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final KafkaClientSettings kafka;
    private final WireFormat wire = new WireFormat();

    public DeadLetterStore(KafkaClientSettings kafka) {
        this.kafka = kafka;
    }

    /** The dead letters now on the topic, oldest first per partition, optionally of one original topic and since a time. */
    public List<DeadLetter> read(String deadLetterTopic, String originalTopic, Instant since) {
        List<DeadLetter> letters = new ArrayList<>();
        TopicSnapshot.read(kafka, deadLetterTopic, READ_TIMEOUT, (key, value) -> {
            DeadLetter letter = parse(value);
            if (letter != null && matches(letter, originalTopic, since)) {
                letters.add(letter);
            }
        });
        return letters;
    }

    /** Re-publishes each dead letter's record (as it was, or as corrected) to its original topic; returns how many. */
    public int replay(List<DeadLetter> letters) throws Exception {
        Properties props = kafka.clientProperties("rtfm-dlq-replay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) READ_TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (DeadLetter letter : letters) {
                producer.send(new ProducerRecord<>(letter.originalTopic(), letter.key(), original(letter))).get();
            }
        }
        return letters.size();
    }

    /**
     * A dead letter's record as it travels: JSON as it was, or the text that was not JSON. A question
     * (it has a query_id and a context) is marked as replayed, so its answer says it is late and is
     * delivered although its asker already got an apology under the question's own response id.
     */
    public static String original(DeadLetter letter) throws JsonProcessingException {
        Object message = letter.message();
        if (message instanceof String text) {
            return text;
        }
        com.fasterxml.jackson.databind.JsonNode node = WireFormat.mapper().valueToTree(message);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode record && record.has("query_id")
                && record.path("context").isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("context")).put(BotQuery.LATE_ANSWER, true);
        }
        return WireFormat.mapper().writeValueAsString(node);
    }

    public DeadLetter parse(String json) {
        try {
            return wire.parse(json, DeadLetter.class);
        } catch (InvalidRecordException notAnEnvelope) {
            return null;
        }
    }

    static boolean matches(DeadLetter letter, String originalTopic, Instant since) {
        if (originalTopic != null && !originalTopic.equals(letter.originalTopic())) {
            return false;
        }
        return since == null || !timestamp(letter).isBefore(since);
    }

    /** When it was dead-lettered; the Python system wrote the time JSON-encoded, in quotes. */
    public static Instant timestamp(DeadLetter letter) {
        String time = letter.timestamp() == null ? "" : letter.timestamp().replace("\"", "");
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return java.time.LocalDateTime.parse(time).toInstant(java.time.ZoneOffset.UTC);
        }
    }
}
