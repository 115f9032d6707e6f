package routes.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import com.fasterxml.jackson.databind.node.NullNode;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import routes.schema.DeadLetter;
import routes.schema.WireFormat;

/**
 * Wraps a record that could not be processed in the dead-letter envelope, with the reason. The
 * error handlers hand over the original Kafka message (useOriginalMessage), so its topic,
 * partition, offset and key are still on it.
 */
public class DeadLetters {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeadLetters.class);

    /** Exchange property counting redeliveries: Camel clears its own counter before the dead-letter channel runs. */
    public static final String REDELIVERIES = "rtfmRedeliveries";

    /** Called before each redelivery (the error handler's onRedelivery hook). */
    public static final org.apache.camel.Processor COUNT_REDELIVERY = exchange ->
            exchange.setProperty(REDELIVERIES, exchange.getProperty(REDELIVERIES, 0, Integer.class) + 1);

    /** How much of a record too large to keep whole the envelope keeps: enough to recognise it, far under the broker's limit. */
    static final int KEPT_BYTES = 16 * 1024;

    private final int maxRecordBytes;

    /** @param maxRecordBytes rtfm.max-record-bytes: a larger record is kept truncated, with its size and SHA-256 */
    public DeadLetters(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public DeadLetter envelope(Exchange exchange) {
        // a record set aside from a batch was dead-lettered for its own reason, not the batch's
        FailedRecords.restore(exchange);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String original = exchange.getMessage().getBody(String.class);
        byte[] bytes = original == null ? new byte[0] : original.getBytes(StandardCharsets.UTF_8);
        boolean tooLarge = bytes.length > maxRecordBytes;
        Object message = tooLarge ? new String(bytes, 0, Math.min(KEPT_BYTES, maxRecordBytes / 2), StandardCharsets.UTF_8)
                : WireFormat.tryParse(original);
        Integer redeliveries = exchange.getProperty(REDELIVERIES, Integer.class);
        LOG.warn("Dead-lettering the record at {}-{}@{} (key {}): {}", exchange.getMessage().getHeader(KafkaConstants.TOPIC),
                exchange.getMessage().getHeader(KafkaConstants.PARTITION), exchange.getMessage().getHeader(KafkaConstants.OFFSET),
                exchange.getMessage().getHeader(KafkaConstants.KEY), describe(error));
        return new DeadLetter(
                exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class),
                // a null record (a tombstone) is kept as JSON null: the envelope still has its message, and a replay writes a tombstone
                message != null ? message : original != null ? original : NullNode.getInstance(),
                describe(error),
                Instant.now().toString(),
                exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class),
                exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class),
                exchange.getMessage().getHeader(KafkaConstants.KEY, String.class),
                error == null ? null : error.getClass().getName(),
                1 + (redeliveries == null ? 0 : redeliveries),
                tooLarge ? (long) bytes.length : null,
                tooLarge ? sha256(bytes) : null);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
