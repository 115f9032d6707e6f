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
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.health.HealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * A view of a compacted topic started while its topic is still reaching the broker's metadata (as at
 * a first start, right after the topics are created) follows it all the same, one whose topic never
 * comes says so at start, and one whose topic gains partitions while it runs reads them too. Before, the first read took the missing topic for an empty one, the follower
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
    void aPartitionAddedWhileTheViewRunsIsFollowedFromItsStart() throws Exception {
        String topic = topic();
        create(topic);
        List<String> taken = new CopyOnWriteArrayList<>();
        CompactedTopicFollower follower = new CompactedTopicFollower(kafka, topic, "grown", Duration.ofSeconds(20), (key, value) -> {
            taken.add(key);
            return "applied";
        }, null);
        // metadata a second old at most, instead of 30 s, so the test need not wait for the refresh
        follower.consumers(props -> {
            props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000);
            return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        });
        follower.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrap()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrap()),
                     new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "before", "{}")).get();
            await().atMost(Duration.ofSeconds(10)).until(() -> taken.contains("before"));
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get();
            producer.send(new ProducerRecord<>(topic, 2, "in-the-new-partition", "{}")).get();
            producer.send(new ProducerRecord<>(topic, 0, "after", "{}")).get();

            await().atMost(Duration.ofSeconds(20)).until(() -> taken.contains("in-the-new-partition") && taken.contains("after"));
            assertThat(taken).as("the partitions it followed kept their positions: nothing read twice")
                    .containsExactlyInAnyOrder("before", "in-the-new-partition", "after");
            assertThat(follower.healthCheck().call().getState()).isEqualTo(HealthCheck.State.UP);
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
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
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
