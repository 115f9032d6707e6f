package routes.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.kafka.KafkaClientSettings;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.kafka.ConsumerLag;
import routes.schema.WireFormat;
import routes.testing.discord.FakeDiscord;
import routes.testing.Gemini;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;
import routes.testing.TopicReader;
import routes.testing.StoredRecords;

/**
 * Privacy in the split deployment, the harder one: the bot (Discord gateway) and the processor
 * (ingest, answers, opt-outs) run as two apps on the shared real Kafka and Chroma, and talk only
 * through the topics. /forget, /remember, /rtfm and deleted channels and threads must still
 * remove what they should, through the log, and an opt-out must survive a processor restart
 * (PrivacyIT); questions, answers and what the apps show work across the two (SplitDeploymentIT).
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SplitDeploymentFixture {

    // the guild and its channels, its threads, its members
    static final String GUILD = "6000000000000000001", GENERAL = "6000000000000000010", RANDOM = "6000000000000000011",
            OLD = "6000000000000000012";
    static final String THREAD = "6000000000000000020", OLD_PRIVATE_THREAD = "6000000000000000021";
    static final String ALICE = "7000000000000000001", BOB = "7000000000000000002", FRANK = "7000000000000000003",
            GRACE = "7000000000000000004", HENRY = "7000000000000000005";
    /** Only the solution test writes as Ivy, and forgets her. */
    static final String IVY = "7000000000000000006";
    static final Duration WAIT = Duration.ofSeconds(45);

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, Integer> httpPorts = new java.util.concurrent.ConcurrentHashMap<>();
    FakeDiscord discord;
    WireMockServer gemini;
    RtfmApplication bot;
    RtfmApplication processor;
    ChromaCollection chroma;

    @BeforeAll
    void start() throws Exception {
        discord = new FakeDiscord(GUILD,
                List.of(new FakeDiscord.Channel(GENERAL, "general", null), new FakeDiscord.Channel(RANDOM, "random", null),
                        new FakeDiscord.Channel(OLD, "old", null)),
                // Alice is the guild's owner: she has Manage Server
                List.of(new FakeDiscord.Member(ALICE, "alice", false), new FakeDiscord.Member(BOB, "bob", false),
                        new FakeDiscord.Member(FRANK, "frank", false), new FakeDiscord.Member(GRACE, "grace", false),
                        new FakeDiscord.Member(HENRY, "henry", false), new FakeDiscord.Member(IVY, "ivy", false)),
                List.of(new FakeDiscord.Thread(THREAD, "scratch", GENERAL, null),
                        new FakeDiscord.Thread(OLD_PRIVATE_THREAD, "old secrets", OLD, Set.of(BOB)))).start();
        gemini = new WireMockServer(wireMockConfig().dynamicPort());
        gemini.start();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).willReturn(okJson(Gemini.answer("On Thursdays [1]."))));
        processor = startProcessor();
        bot = new RtfmApplication(config("bot"));
        bot.start();
        assertThat(discord.identified()).isTrue();
    }

    RtfmApplication startProcessor() throws Exception {
        RtfmApplication app = new RtfmApplication(config("processor"));
        chroma = app.start().getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
        return app;
    }

    Properties config(String role) throws Exception {
        Properties config = TestApps.config("privacy", run);
        config.setProperty("rtfm.role", role);
        httpPorts.put(role, Integer.parseInt(config.getProperty("rtfm.http.port")));
        config.setProperty("rtfm.gemini.api-key", "privacy-it-key");
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.http.api-token", "privacy-it-token");
        discord.configure(config);
        return config;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {bot, processor, discord}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (gemini != null) {
            gemini.stop();
        }
    }

    long posted(String text) {
        return discord.bot().sentMessages().stream().filter(call -> call.body() != null && call.body().path("content").asText().contains(text))
                .count();
    }

    String ephemeralReply(String interaction) {
        JsonNode reply = await().atMost(WAIT).until(() -> discord.interactions().reply(interaction), r -> r != null);
        // every privacy reply is for the asker alone: flag 64 on the deferral or the reply itself
        assertThat(discord.bot().calls()).anyMatch(call -> call.path().startsWith("/api/v10/interactions/" + interaction + "/")
                && call.body() != null && (call.body().path("data").path("flags").asInt() & 64) == 64);
        return reply.path("content").asText();
    }

    void assertDeletionRecordsInTheLog(String... ids) {
        List<ConsumerRecord<String, String>> log = TopicReader.all(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-messages");
        for (String id : ids) {
            assertThat(log).as("a deletion record for " + id)
                    .anyMatch(r -> id.equals(r.key()) && new WireFormat().parseMessage(r.value()).isDeletion());
        }
    }

    void awaitIngested() throws Exception {
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of("privacy-processor-" + run, "privacy-" + run + "-messages") == 0);
        }
    }

    String store(String channel, String author, String content) {
        return store(channel, author, content, null);
    }

    String store(String channel, String author, String content, String replyTo) {
        String id = discord.guild().sendMessage(channel, author, content, replyTo);
        await().atMost(WAIT).until(() -> stored(id));
        return id;
    }

    boolean stored(String id) {
        return StoredRecords.stored(chroma, id);
    }

    JsonNode metadata(String id) {
        return StoredRecords.metadata(chroma, id);
    }
}
