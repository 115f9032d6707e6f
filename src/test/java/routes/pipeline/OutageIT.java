package routes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.embedding.MessageEmbedder;
import routes.local.ChromaServer;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;
import routes.testing.Questions;

/**
 * Chroma fails under a running app, as an operator would see it: its own Chroma server is stopped
 * for 20 s while messages keep coming, then started again on the same port and data; later its
 * collection is deleted. Nothing may be lost and nothing dead-lettered, and questions asked
 * during the outage are answered, with an error, within the deadline.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageIT {

    private static final int BEFORE = 100;
    private static final int DURING = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** The deadline, a last retry's backoff, and the way back through Kafka and the dead-letter route. */
    private static final Duration ANSWER_WITHIN = DEADLINE.plusSeconds(10);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final WireFormat wire = new WireFormat();
    private ChromaServer chromaServer;
    private RtfmApplication app;
    private KafkaProducer<String, String> producer;
    private ChromaCollection outside;
    private int sent;
    private final Properties config = new Properties();

    @BeforeAll
    void start() throws Exception {
        int port = TestApps.freePort();
        chromaServer = new ChromaServer(Path.of(".rtfm", "chroma-server"), Files.createTempDirectory("rtfm-outage-chroma"), port);
        String chromaUrl = chromaServer.start();
        Properties config = TestApps.config("outage", run);
        // its own Chroma, which it stops and starts
        config.setProperty("rtfm.chroma.url", chromaUrl);
        config.setProperty("rtfm.retry.initial-delay-ms", "200");
        // retries enough to outlast the deadline many times over: the deadline, not the count, must end a question's
        config.setProperty("rtfm.retry.max-redeliveries", "50");
        config.setProperty("rtfm.retry.max-delay-ms", "2000");
        config.setProperty("rtfm.answer.deadline-ms", Long.toString(DEADLINE.toMillis()));
        this.config.putAll(config);
        app = new RtfmApplication(config);
        app.start();
        // the test's own view of Chroma, apart from the app's, to count and to delete behind its back
        outside = new ChromaCollection(chromaUrl, "default_tenant", "default_database", "outage-" + run,
                MessageEmbedder.MODEL_NAME, MessageEmbedder.DIMENSION);
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrap());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerConfig);
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.close();
        }
        if (chromaServer != null) {
            chromaServer.close();
        }
    }

    @Test
    void aChromaOutageLosesNothingDeadLettersNothingAndQuestionsStillGetAnAnswer() throws Exception {
        long base = Math.max(0, stored());
        publishMessages(BEFORE);
        await().atMost(Duration.ofSeconds(90)).until(() -> stored() == base + BEFORE);

        chromaServer.close();
        Instant down = Instant.now();
        publishMessages(DURING);
        List<String> questions = List.of(ask("how do I restart the indexer?"), ask("where are the release notes?"));
        for (String queryId : questions) {
            ConsumerRecord<String, String> answer = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                    r -> r.value().contains("\"query_id\":\"" + queryId + "\""), Duration.ofSeconds(90));
            assertThat(answer).as("an answer to " + queryId + " during the outage").isNotNull();
            assertThat(wire.parseResponse(answer.value()).mode()).isEqualTo(BotResponse.ERROR);
            Duration waited = Duration.between(asked.get(queryId), Instant.ofEpochMilli(answer.timestamp()));
            assertThat(waited).as("from asking to the answer").isLessThan(ANSWER_WITHIN);
        }
        Duration left = OUTAGE.minus(Duration.between(down, Instant.now()));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }

        chromaServer.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> stored() == base + BEFORE + DURING);
        assertThat(deadLetters()).as("dead letters of discord-messages").isEmpty();
    }

    @Test
    void aCollectionDeletedUnderTheAppIsRecreatedAndEveryLaterMessageStored() throws Exception {
        long base = Math.max(0, stored());
        publishMessages(10);
        await().atMost(Duration.ofSeconds(90)).until(() -> stored() == base + 10);
        outside.drop();
        assertThat(stored()).isEqualTo(-1);
        int first = sent;
        publishMessages(20);
        // every later message is stored in the recreated collection; so may be the batch that was being written
        // when the collection went (Chroma can have applied an upsert it then answers with a 404: it is stored again)
        List<String> later = java.util.stream.IntStream.range(first, first + 20).mapToObj(i -> "outage-" + run + "-" + i).toList();
        await().atMost(Duration.ofSeconds(90)).until(() -> stored() >= 20
                && outside.post(outside.recordsUrl() + "/get", WireFormat.mapper().writeValueAsString(Map.of("ids", later))).path("ids").size() == 20);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aProcessorWhosePollOfQuestionsCouldOutlastKafkasPatienceRefusesToStart() {
        Properties tooSlow = new Properties();
        tooSlow.putAll(config);
        // 3 questions a poll, each allowed 200 s: longer than the 300 s Kafka waits for the next poll
        tooSlow.setProperty("rtfm.answer.deadline-ms", "200000");
        tooSlow.setProperty("rtfm.kafka.processor-group-id", "outage-refused-" + run);
        RtfmApplication refused = new RtfmApplication(tooSlow);
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(refused::start))
                    .hasStackTraceContaining("max.poll.interval.ms").hasStackTraceContaining("rtfm.answer.max-poll-records");
        } finally {
            refused.close();
        }
    }

    /** The count of the collection with the configured name, looked up by name each time; -1 when there is none. */
    private long stored() {
        if (!outside.exists()) {
            return -1;
        }
        String id = outside.get(outside.databaseUrl() + "/collections/" + "outage-" + run).path("id").asText();
        return outside.get(outside.databaseUrl() + "/collections/" + id + "/count").asLong();
    }

    private void publishMessages(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String id = "outage-" + run + "-" + (sent++);
            DiscordMessage message = ChatMessage.of(id, "Message number " + sent + " about the indexer and the release notes").build();
            producer.send(new ProducerRecord<>(topic("messages"), id, wire.write(message)));
        }
        producer.flush();
    }

    private final Map<String, Instant> asked = new java.util.concurrent.ConcurrentHashMap<>();

    private String ask(String question) throws Exception {
        BotQuery query = Questions.fromAna("outage-it", "general", question);
        asked.put(query.queryId(), Instant.now());
        producer.send(new ProducerRecord<>(topic("queries"), "general", wire.write(query))).get();
        return query.queryId();
    }

    private List<ConsumerRecord<String, String>> deadLetters() {
        return TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("dead-letter")).stream()
                .filter(r -> r.value().contains("\"original_topic\":\"" + topic("messages") + "\"")).toList();
    }

    private String topic(String role) {
        return "outage-" + run + "-" + role;
    }
}
