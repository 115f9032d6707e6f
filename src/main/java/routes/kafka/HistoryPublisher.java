package routes.kafka;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import routes.schema.DiscordMessage;
import routes.schema.RecordKeys;
import routes.schema.WireFormat;

/**
 * Publishes history (an import) to discord-messages keyed as the wire contract says, schema-checked,
 * as fast as the producer batches, with the very guarantees of the routes' producers: acks,
 * idempotence, retries, delivery timeout and compression are read from the Kafka component's own
 * settings (camel.component.kafka.*), defined once in application.properties. A send that fails is
 * reported by flush(), so the command never says "done" over a loss.
 */
public final class HistoryPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final WireFormat wire = new WireFormat();
    private final RecordKeys keys = new RecordKeys();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** @param setting looks up a configuration key (RtfmSettings::get): the camel.component.kafka.* producer settings */
    public HistoryPublisher(KafkaClientSettings kafka, String topic, UnaryOperator<String> setting) {
        Properties props = kafka.clientProperties("rtfm-import");
        props.put(ProducerConfig.ACKS_CONFIG, required(setting, "camel.component.kafka.request-required-acks"));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, required(setting, "camel.component.kafka.enable-idempotence"));
        props.put(ProducerConfig.RETRIES_CONFIG, required(setting, "camel.component.kafka.retries"));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, required(setting, "camel.component.kafka.delivery-timeout-ms"));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, required(setting, "camel.component.kafka.compression-codec"));
        // throughput for a bulk load: bigger batches than a live message needs
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TopicAdmin.TIMEOUT_MS);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.topic = topic;
    }

    private static String required(UnaryOperator<String> setting, String key) {
        String value = setting.apply(key);
        if (value == null) {
            throw new IllegalStateException("missing configuration " + key);
        }
        return value;
    }

    public void publish(DiscordMessage message) {
        failIfFailed();
        producer.send(new ProducerRecord<>(topic, keys.keyOf(message), wire.write(message)), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every message sent is acknowledged; throws if any was not. */
    public void flush() {
        producer.flush();
        failIfFailed();
    }

    private void failIfFailed() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("Kafka did not take a message: " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
