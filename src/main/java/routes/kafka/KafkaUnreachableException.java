package routes.kafka;

/** The cluster did not answer in time: the message tells the operator which address was tried. */
public class KafkaUnreachableException extends RuntimeException {

    public KafkaUnreachableException(String bootstrapServers, long timeoutMs, Throwable cause) {
        super("Kafka at " + bootstrapServers + " did not answer within " + (timeoutMs / 1000)
                + " s (is the broker running and is the address right?)", cause);
    }
}
