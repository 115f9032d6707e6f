package routes.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmSettings;
import routes.chroma.ChromaCollection;
import routes.embedding.MessageEmbedder;
import routes.kafka.ConsumerLag;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicAdmin;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;
import routes.testing.Gemini;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;
import routes.testing.Questions;

/**
 * The built jar, run as its own process (a processor), is killed with SIGKILL at a chosen point:
 * the first messages are stored and a batch of the rest is in flight, two questions of a poll are answered
 * and published but their offsets not yet committed (a third of the same poll is waiting for
 * Gemini). The point is made by Chroma and Gemini stand-ins that hold one request each: a proxy in
 * front of the real Chroma and WireMock. Restarted, the processor must lose nothing and answer no
 * question twice.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRestartIT {

    private static final int FIRST = 40;
    private static final int REST = 80;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path JAR = Path.of("target", "rtfm-bot.jar");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String crashPoint = "crash-point-" + run;
    private final WireFormat wire = new WireFormat();
    private final Properties config = new Properties();
    private final List<String> queryIds = new ArrayList<>();
    private WireMockServer chromaProxy;
    private WireMockServer gemini;
    private ChromaCollection stored;
    private Process processor;
    private int sent;

    @BeforeAll
    void start() throws Exception {
        config.putAll(TestApps.config("crash", run));
        chromaProxy = new WireMockServer(wireMockConfig().dynamicPort());
        chromaProxy.start();
        chromaProxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(SharedInfrastructure.chromaUrl())));
        gemini = new WireMockServer(wireMockConfig().dynamicPort());
        gemini.start();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(10)
                .willReturn(okJson(Gemini.answer("The indexer restarts with make restart [1]."))));
        config.setProperty("rtfm.chroma.url", chromaProxy.baseUrl());
        config.setProperty("rtfm.gemini.api-key", "crash-it-key");
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        // the killed processor's partitions go to the restarted one once the group gives up on it: after 10 s here
        // rather than Kafka's default 45 s, which only made this test wait
        config.setProperty("camel.component.kafka.session-timeout-ms", "10000");
        try (TopicAdmin topics = new TopicAdmin(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            topics.reconcile(RtfmSettings.load(config).topics());
        }
        stored = new ChromaCollection(SharedInfrastructure.chromaUrl(), "default_tenant", "default_database",
                config.getProperty("rtfm.chroma.collection"), MessageEmbedder.MODEL_NAME, MessageEmbedder.DIMENSION);
    }

    @AfterAll
    void stop() {
        if (processor != null) {
            processor.destroyForcibly();
        }
        chromaProxy.stop();
        gemini.stop();
    }

    @Test
    void aProcessorKilledMidWorkLosesNothingAndAnswersNothingTwice() throws Exception {
        // held: the upsert of the batch that holds one message of the second lot (it never reaches Chroma), and
        // Gemini's answer to the third question of a poll
        StubMapping heldUpsert = chromaProxy.stubFor(post(urlPathMatching(".*/upsert")).atPriority(1).withRequestBody(containing(crashPoint))
                .willReturn(aResponse().withStatus(200).withFixedDelay(120_000)));
        StubMapping heldAnswer = gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1)
                .withRequestBody(containing(crashPoint)).willReturn(okJson(Gemini.answer("late")).withFixedDelay(120_000)));
        // a first lot stored by a processor that then stops as an operator would (SIGTERM)
        publishMessages(FIRST, -1);
        processor = startProcessor("first");
        await().atMost(WAIT).until(() -> count() == FIRST);
        processor.destroy();
        assertThat(processor.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // three questions from one channel (one partition, one poll: rtfm.answer.max-poll-records = 3), then the rest
        ask("how do I restart the indexer?");
        ask("where are the indexer release notes?");
        ask("how do I restart the indexer for the release notes, " + crashPoint + "?");
        publishMessages(REST, REST / 2);
        processor = startProcessor("killed");
        await().atMost(WAIT).until(() -> !chromaProxy.findAll(postRequestedFor(urlPathMatching(".*/upsert"))
                .withRequestBody(containing(crashPoint))).isEmpty());
        await().atMost(WAIT).until(() -> !gemini.findAll(postRequestedFor(urlPathMatching(".*"))
                .withRequestBody(containing(crashPoint))).isEmpty());
        // the two answers before it are out, and their offsets are not committed while the third waits
        assertThat(answersPerQuestion()).containsOnlyKeys(queryIds.get(0), queryIds.get(1));
        processor.destroyForcibly().waitFor();
        long storedAtCrash = count();
        assertThat(storedAtCrash).isBetween((long) FIRST, (long) FIRST + REST - 1);

        chromaProxy.removeStub(heldUpsert);
        gemini.removeStub(heldAnswer);
        processor = startProcessor("restarted");
        await().atMost(WAIT).until(() -> count() == FIRST + REST);
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of(config.getProperty("rtfm.kafka.processor-group-id") + "-answers", topic("queries")) == 0
                    && lag.of(config.getProperty("rtfm.kafka.processor-group-id"), topic("messages")) == 0);
        }
        System.out.printf("CrashRestartIT: %d of %d messages stored at the SIGKILL, %d after the restart; answers per question %s%n",
                storedAtCrash, FIRST + REST, count(), answersPerQuestion().values());
        assertThat(answersPerQuestion()).containsOnlyKeys(queryIds).allSatisfy((query, answers) -> assertThat(answers).as(query).isEqualTo(1));
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("dead-letter"))).isEmpty();
    }

    private Process startProcessor(String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString(), "run", "--role", "processor", "--no-console"));
        Path log = Files.createTempFile("crash-it-" + name, ".log");
        Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(WAIT).until(() -> Files.readString(log).contains("RTFM ready") || !started.isAlive());
        assertThat(started.isAlive()).as(Files.readString(log)).isTrue();
        return started;
    }

    private long count() {
        try {
            return stored.count();
        } catch (RuntimeException notYetCreated) {
            return -1;
        }
    }

    private String topic(String role) {
        return config.getProperty("rtfm.topics." + role + ".name");
    }

    private Map<String, Long> answersPerQuestion() {
        return TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("responses")).stream()
                .map(ConsumerRecord::value).map(value -> wire.parseResponse(value).queryId())
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private void ask(String question) throws Exception {
        BotQuery query = Questions.fromAna("crash-it", "general", question);
        queryIds.add(query.queryId());
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), "general", wire.write(query));
    }

    private void publishMessages(int count, int heldAt) throws Exception {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "crash-" + run + "-" + (sent++);
            String text = (i == heldAt ? crashPoint + ": " : "") + "Message number " + sent + " about the indexer and the release notes";
            DiscordMessage message = ChatMessage.of(id, text).build();
            records.add(Map.entry(id, wire.write(message)));
        }
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("messages"), records);
    }
}
