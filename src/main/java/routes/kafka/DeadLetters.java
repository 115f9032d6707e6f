package routes.kafka;

import java.time.Instant;
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

    /** Exchange property counting redeliveries: Camel clears its own counter before the dead-letter channel runs. */
    public static final String REDELIVERIES = "rtfmRedeliveries";

    /** Called before each redelivery (the error handler's onRedelivery hook). */
    public static final org.apache.camel.Processor COUNT_REDELIVERY = exchange ->
            exchange.setProperty(REDELIVERIES, exchange.getProperty(REDELIVERIES, 0, Integer.class) + 1);

    public DeadLetter envelope(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String original = exchange.getMessage().getBody(String.class);
        Object message = WireFormat.tryParse(original);
        Integer redeliveries = exchange.getProperty(REDELIVERIES, Integer.class);
        return new DeadLetter(
                exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class),
                message != null ? message : original,
                describe(error),
                Instant.now().toString(),
                exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class),
                exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class),
                exchange.getMessage().getHeader(KafkaConstants.KEY, String.class),
                error == null ? null : error.getClass().getName(),
                1 + (redeliveries == null ? 0 : redeliveries));
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
