package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.health.HealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * A view of a compacted topic started while its topic is still reaching the broker's metadata (as at
 * a first start, right after the topics are created) follows it all the same, and one whose topic never
 * comes says so at start. Before, the first read took the missing topic for an empty one, the follower
 * was given no partitions, and every poll failed for good: the opt-out list stayed empty and DOWN.
 */
@ExtendWith(SharedInfrastructure.class)
class CompactedTopicFollowerIT {

    private final KafkaClientSettings kafka = KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap());

    @Test
    void aTopicCreatedWhileTheViewStartsIsFollowed() throws Exception {
        String topic = topic();
        Map<String, String> view = new ConcurrentHashMap<>();
        CompactedTopicFollower follower = new CompactedTopicFollower(kafka, topic, "late", Duration.ofSeconds(20), (key, value) -> {
            view.put(key, value);
            return "applied";
        }, null);
        // the topic comes two seconds after the view starts reading
        CompletableFuture<Void> created = CompletableFuture.runAsync(() -> {
            pause(Duration.ofSeconds(2));
            create(topic);
        });
        follower.start();
        try {
            created.join();
            HealthCheck health = follower.healthCheck();
            assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
            TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic, "g:user:ada", "{\"opted_out\":true}");
            await().atMost(Duration.ofSeconds(10)).until(() -> view.containsKey("g:user:ada"));
            assertThat(view).containsEntry("g:user:ada", "{\"opted_out\":true}");
            assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
        } finally {
            follower.stop();
        }
    }

    @Test
    void aTopicThatNeverComesFailsTheStartNamingIt() {
        String topic = topic();
        CompactedTopicFollower follower = new CompactedTopicFollower(kafka, topic, "missing", Duration.ofSeconds(3),
                (key, value) -> "applied", null);
        long started = System.nanoTime();
        assertThatThrownBy(follower::start).hasMessageContaining("topic " + topic + " has no partitions after 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aToolReadingATopicThatIsNotThereFindsItEmpty() {
        String topic = topic();
        List<String> seen = new java.util.ArrayList<>();
        assertThat(TopicSnapshot.read(kafka, topic, Duration.ofSeconds(5), (key, value) -> seen.add(key))).isEmpty();
        assertThat(seen).isEmpty();
    }

    private static String topic() {
        return "follow-" + UUID.randomUUID().toString().substring(0, 8) + "-state";
    }

    private static void create(String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
