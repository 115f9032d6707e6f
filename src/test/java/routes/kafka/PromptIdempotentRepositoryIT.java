package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.testing.LogCapture;
import routes.testing.SharedInfrastructure;

/** The answered-questions repository on the real broker: it stops within a poll, and its consumer is closed by one thread only. */
@ExtendWith(SharedInfrastructure.class)
class PromptIdempotentRepositoryIT {

    @Test
    void stopsWithinAPollWithoutClosingItsConsumerUnderItsOwnThread() throws Exception {
        String topic = "prompt-idempotency-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaClientSettings kafka = KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap());
        try (TopicAdmin admin = new TopicAdmin(kafka); LogCapture logs = LogCapture.install();
             DefaultCamelContext camel = new DefaultCamelContext()) {
            admin.reconcile(java.util.List.of(new TopicSpec("idempotency", topic, 1, -1, "compact", (short) 1, 0)));
            PromptIdempotentRepository repository = new PromptIdempotentRepository(topic, kafka.clientProperties("prompt-consumer"),
                    kafka.clientProperties("prompt-producer"));
            repository.setCamelContext(camel);
            repository.start();
            assertThat(repository.add("question-1")).isTrue();
            assertThat(repository.contains("question-1")).isTrue();

            long start = System.nanoTime();
            repository.stop();
            // camel-kafka's own order waited 5 s for a thread it had not stopped yet, then closed the consumer under it
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(String.join("\n", logs.lines())).doesNotContain("ConcurrentModificationException");
        }
    }
}
