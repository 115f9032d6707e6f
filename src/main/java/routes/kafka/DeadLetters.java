package routes.kafka;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import routes.schema.DeadLetter;
import routes.schema.WireFormat;

/** Wraps a record that could not be processed in the dead-letter envelope, with the reason. */
public class DeadLetters {

    /** Exchange property counting redeliveries: Camel clears its own counter before the dead-letter channel runs. */
    public static final String REDELIVERIES = "rtfmRedeliveries";

    private final WireFormat wireFormat;

    public DeadLetters(WireFormat wireFormat) {
        this.wireFormat = wireFormat;
    }

    public String envelope(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String original = exchange.getMessage().getBody(String.class);
        Object message = WireFormat.tryParse(original);
        Integer redeliveries = exchange.getProperty(REDELIVERIES, Integer.class);
        DeadLetter letter = new DeadLetter(
                exchange.getMessage().getHeader(KafkaConstants.TOPIC, "direct:discord-in", String.class),
                message != null ? message : original,
                describe(error),
                Instant.now().toString(),
                exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class),
                exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class),
                exchange.getMessage().getHeader(KafkaConstants.KEY, String.class),
                error == null ? null : error.getClass().getName(),
                1 + (redeliveries == null ? 0 : redeliveries));
        return wireFormat.write(letter);
    }

    /** Called before each redelivery (the error handler's onRedelivery hook). */
    public static final org.apache.camel.Processor COUNT_REDELIVERY = exchange ->
            exchange.setProperty(REDELIVERIES, exchange.getProperty(REDELIVERIES, 0, Integer.class) + 1);

    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
