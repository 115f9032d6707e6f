package routes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.local.EmbeddedKafkaBroker;
import routes.schema.DiscordMessage;
import routes.testing.AppIT;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;

/**
 * The broker goes away under a running app and comes back (the test's own broker: same ports,
 * same data), while messages keep being written. Every message must be stored, none dead-lettered.
 */
class BrokerRestartIT extends AppIT {

    private static final int MESSAGES = 300;
    private static final Duration DOWN = Duration.ofSeconds(10);

    private EmbeddedKafkaBroker broker;
    private String bootstrap;

    @BeforeAll
    void start() throws Exception {
        broker = apps.closeAfter(new EmbeddedKafkaBroker(Files.createTempDirectory("rtfm-restart-kafka")), () -> broker.close());
        bootstrap = broker.start();
        configure("restart");
        // its own broker, which it restarts
        config.setProperty("rtfm.kafka.bootstrap-servers", bootstrap);
        startApp();
    }

    @Test
    void aBrokerRestartMidFlowLosesNothing() throws Exception {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            send(producer, 0, MESSAGES / 2);
            await().atMost(Duration.ofSeconds(90)).until(() -> chroma.count() >= 50);

            broker.close();
            // written while the broker is away: the producer holds them until it is back
            send(producer, MESSAGES / 2, MESSAGES);
            Thread.sleep(DOWN.toMillis());
            broker.start();
            producer.flush();
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> chroma.count() == MESSAGES);
        assertThat(TopicReader.all(bootstrap, "restart-" + run + "-dead-letter")).isEmpty();
    }

    private void send(KafkaProducer<String, String> producer, int from, int to) {
        for (int i = from; i < to; i++) {
            String id = "restart-" + run + "-" + i;
            DiscordMessage message = ChatMessage.of(id, "Restart test message " + i + " about broker failover").build();
            producer.send(new ProducerRecord<>("restart-" + run + "-messages", id, wire.write(message)));
        }
    }
}
