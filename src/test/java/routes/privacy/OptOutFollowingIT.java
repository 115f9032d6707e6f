package routes.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.health.HealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.kafka.KafkaClientSettings;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;
import routes.schema.WireFormat;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * The opt-out list keeps following rtfm-optouts through errors. Its real Kafka consumer is made to
 * fail three polls in a row (as a broker hiccup or a bad fetch would): the list says so in its health
 * check, and an opt-out written while it fails is applied once it polls again. The list before this
 * fix stopped following at the first such error, for good, and silently.
 */
@ExtendWith(SharedInfrastructure.class)
class OptOutFollowingIT {

    private final WireFormat wire = new WireFormat();

    @Test
    void anOptOutWrittenAfterAPollFailureIsStillApplied() throws Exception {
        String topic = "follow-" + UUID.randomUUID().toString().substring(0, 8) + "-optouts";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        OptOutList list = new OptOutList(wire, KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()), topic, null);
        AtomicInteger failing = new AtomicInteger();
        list.follower().consumers(props -> new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer()) {
            @Override
            public ConsumerRecords<String, String> poll(Duration timeout) {
                // three failures of three kinds: the one Kafka throws, one nobody expects, and an Error
                int left = failing.getAndUpdate(n -> Math.max(0, n - 1));
                if (left == 3) {
                    throw new KafkaException("injected poll failure");
                }
                if (left == 2) {
                    throw new IllegalStateException("injected surprise");
                }
                if (left == 1) {
                    throw new NoClassDefFoundError("injected error");
                }
                return super.poll(timeout);
            }
        });
        list.start();
        try {
            HealthCheck health = list.follower().healthCheck();
            await().atMost(Duration.ofSeconds(10)).until(() -> health.call().getState() == HealthCheck.State.UP);

            failing.set(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> health.call().getState() == HealthCheck.State.DOWN);
            assertThat(health.call().getDetails()).containsEntry("failure", "KafkaException: injected poll failure");
            TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic, OptOut.key("g", OptOut.USER, "frank"),
                    wire.write(new OptOut("g", OptOut.USER, "frank", false, "2025-01-01T00:00:00Z", "forget", "frank", "r1", null, 1)));

            // three failed polls back off 1 + 2 + 4 s, then it reads on from where it was
            await().atMost(Duration.ofSeconds(30)).until(() -> list.skipReason(message("frank")) != null);
            assertThat(list.skipReason(message("frank"))).isEqualTo(OptOutList.OPTED_OUT);
            assertThat(list.skipReason(message("grace"))).isNull();
            assertThat(failing.get()).as("every injected failure was met").isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> health.call().getState() == HealthCheck.State.UP);
            assertThat((Long) health.call().getDetails().get("last_poll_age_ms")).isLessThan(5_000L);
        } finally {
            list.stop();
        }
    }

    private static DiscordMessage message(String author) {
        return new DiscordMessage("1", "hello", author, author, "general", "2025-06-01T00:00:00Z", Map.of(), 1, DiscordMessage.CREATED,
                "g", null, null, null, false, List.of(), null, null, null);
    }
}
