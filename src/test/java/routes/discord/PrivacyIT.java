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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.kafka.KafkaClientSettings;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.kafka.ConsumerLag;
import routes.schema.WireFormat;
import routes.testing.discord.FakeDiscord;
import routes.testing.discord.FakeInteractions;
import routes.testing.Gemini;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;
import routes.testing.TopicReader;

/**
 * Privacy in the split deployment, the harder one: the bot (Discord gateway) and the processor
 * (ingest, answers, opt-outs) run as two apps on the shared real Kafka and Chroma, and talk only
 * through the topics. /forget, /remember, /rtfm and deleted channels and threads must still
 * remove what they should, through the log, and an opt-out must survive a processor restart.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyIT {

    private static final String GUILD = "6000000000000000001";
    private static final String GENERAL = "6000000000000000010";
    private static final String RANDOM = "6000000000000000011";
    private static final String OLD = "6000000000000000012";
    private static final String THREAD = "6000000000000000020";
    private static final String OLD_PRIVATE_THREAD = "6000000000000000021";
    private static final String ALICE = "7000000000000000001";
    private static final String BOB = "7000000000000000002";
    private static final String FRANK = "7000000000000000003";
    private static final String GRACE = "7000000000000000004";
    private static final String HENRY = "7000000000000000005";
    /** Only the solution test writes as Ivy, and forgets her. */
    private static final String IVY = "7000000000000000006";
    private static final Duration WAIT = Duration.ofSeconds(45);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> httpPorts = new java.util.concurrent.ConcurrentHashMap<>();
    private FakeDiscord discord;
    private WireMockServer gemini;
    private RtfmApplication bot;
    private RtfmApplication processor;
    private ChromaCollection chroma;

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

    private RtfmApplication startProcessor() throws Exception {
        RtfmApplication app = new RtfmApplication(config("processor"));
        chroma = app.start().getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
        return app;
    }

    private Properties config(String role) throws Exception {
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

    @Test
    void anAtMentionQuestionIsAnsweredAndNeverStoredThoughTheProcessorDoesNotKnowTheBot() throws Exception {
        store(GENERAL, BOB, "The release train leaves on Thursdays");
        String question = discord.guild().sendMessage(GENERAL, ALICE, "<@" + FakeDiscord.BOT_ID + "> when does the release train leave?", null);
        await().atMost(WAIT).until(() -> discord.bot().replyTo(question) != null);
        awaitIngested();
        assertThat(stored(question)).isFalse();
    }

    @Test
    void forgetRemovesAMembersMessagesThroughTheLogSurvivesARestartAndRememberLetsNewOnesIn() throws Exception {
        String first = store(GENERAL, FRANK, "Frank says the build cache lives on the old NAS");
        String second = store(RANDOM, FRANK, "Frank says the printer on floor 2 is cursed");
        String reply = discord.guild().sendMessage(GENERAL, GRACE, "thanks, found it", first);
        await().atMost(WAIT).until(() -> metadata(reply).path("reply_to_text").asText().contains("build cache"));

        String forget = discord.interactions().slash(GENERAL, FRANK, "forget", null, Map.of());
        assertThat(ephemeralReply(forget)).contains("removed 2 messages");
        await().atMost(WAIT).until(() -> !stored(first) && !stored(second));
        // his words also leave Grace's reply: its stored parent context is cleared
        await().atMost(WAIT).until(() -> metadata(reply).path("reply_to_text").asText("gone").isEmpty());
        assertDeletionRecordsInTheLog(first, second);

        // a new processor reads the opt-out list before it stores anything
        processor.close();
        processor = startProcessor();
        String afterRestart = discord.guild().sendMessage(GENERAL, FRANK, "Frank says the wiki moved to Confluence", null);
        store(GENERAL, GRACE, "Grace says the wiki search is slow");
        awaitIngested();
        assertThat(stored(afterRestart)).isFalse();
        // Discord still sends his old text along with a new reply to it: it is not stored as that reply's context
        String lateReply = store(GENERAL, GRACE, "is that NAS still up?", first);
        assertThat(metadata(lateReply).path("reply_to_text").asText("")).isEmpty();

        String remember = discord.interactions().slash(GENERAL, FRANK, "remember", null, Map.of());
        assertThat(ephemeralReply(remember)).contains("from now on");
        store(GENERAL, FRANK, "Frank says standup moved to 10am");
        assertThat(stored(afterRestart)).as("what he wrote while opted out stays out").isFalse();
    }

    @Test
    void forgettingASolutionsAuthorTakesTheSolutionAndItsMarkOut() throws Exception {
        String question = store(RANDOM, GRACE, "How do I get VPN access when working from home?");
        String solution = store(RANDOM, IVY, "Ivy says: request the VPN profile in the IT portal, then install it", question);
        assertThat(ephemeralReply(discord.interactions().messageCommand(solution, GRACE, "Mark as solution"))).startsWith("Marked as the solution");
        await().atMost(WAIT).until(() -> metadata(solution).path("solution").asBoolean(false));

        assertThat(ephemeralReply(discord.interactions().slash(RANDOM, IVY, "forget", null, Map.of()))).contains("removed 1 message");
        await().atMost(WAIT).until(() -> !stored(solution));
        assertDeletionRecordsInTheLog(solution);
        assertThat(stored(question)).as("the question was Grace's").isTrue();
    }

    @Test
    void onlyAdminsExcludeAndIncludeChannelsAndForgetMembers() throws Exception {
        String before = store(RANDOM, BOB, "Bob says lunch is at noon on Fridays");
        String refused = discord.interactions().slash(GENERAL, BOB, "rtfm", "exclude", Map.of("channel", new FakeInteractions.ChannelOption(RANDOM)));
        assertThat(ephemeralReply(refused)).contains("Manage Server");

        String exclude = discord.interactions().slash(GENERAL, ALICE, "rtfm", "exclude", Map.of("channel", new FakeInteractions.ChannelOption(RANDOM)));
        assertThat(ephemeralReply(exclude)).contains("removed").contains("<#" + RANDOM + ">");
        await().atMost(WAIT).until(() -> !stored(before));
        String whileExcluded = discord.guild().sendMessage(RANDOM, BOB, "Bob says the coffee machine is fixed", null);
        store(GENERAL, BOB, "Bob says the parking lot is repaved");
        awaitIngested();
        assertThat(stored(whileExcluded)).isFalse();

        String include = discord.interactions().slash(GENERAL, ALICE, "rtfm", "include", Map.of("channel", new FakeInteractions.ChannelOption(RANDOM)));
        assertThat(ephemeralReply(include)).contains("indexed again");
        store(RANDOM, BOB, "Bob says the fire drill is on Monday");

        String henrys = store(GENERAL, HENRY, "Henry says the VPN certificate expires in May");
        String forget = discord.interactions().slash(GENERAL, ALICE, "rtfm", "forget", Map.of("user", "<@" + HENRY + ">"));
        assertThat(ephemeralReply(forget)).contains("removed 1 message");
        await().atMost(WAIT).until(() -> !stored(henrys));
        assertDeletionRecordsInTheLog(before, henrys);
    }

    @Test
    void aDeletedThreadOrChannelTakesAllItsMessagesOutOfTheIndex() throws Exception {
        String inThread = store(THREAD, BOB, "Bob says the scratch notes are in the thread");
        String inChannel = store(OLD, BOB, "Bob says the old channel had the roadmap");
        String inItsPrivateThread = store(OLD_PRIVATE_THREAD, BOB, "Bob says the old budget is in the private thread");
        String elsewhere = store(GENERAL, BOB, "Bob says the roadmap is now in the wiki");

        discord.guild().deleteThread(THREAD, GENERAL);
        await().atMost(WAIT).until(() -> !stored(inThread));
        discord.guild().deleteChannel(OLD);
        await().atMost(WAIT).until(() -> !stored(inChannel) && !stored(inItsPrivateThread));
        assertThat(stored(elsewhere)).isTrue();
        assertDeletionRecordsInTheLog(inThread, inChannel, inItsPrivateThread);
    }

    @Test
    void observeShowsNoMessageContentOnEitherApp() throws Exception {
        String text = "Bob says the zebra-crossing-" + run + " password is on the whiteboard";
        store(GENERAL, BOB, text);
        String question = discord.guild().sendMessage(GENERAL, BOB, "RTFM where is the zebra-crossing-" + run + " password?", null);
        await().atMost(WAIT).until(() -> discord.bot().replyTo(question) != null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String role : List.of("bot", "processor")) {
            for (String page : List.of("/observe/health", "/observe/metrics")) {
                String body = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + httpPorts.get(role) + page)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertThat(body).as(role + page).isNotEmpty().doesNotContain("zebra-crossing-" + run).doesNotContain("privacy-it-key");
            }
        }
    }

    @Test
    void anAnswerRedeliveredEvenAfterABotRestartIsPostedOnce() throws Exception {
        String text = "Redelivered answer " + run;
        String question = discord.guild().sendMessage(GENERAL, BOB, "a question answered elsewhere " + run, null);
        routes.schema.BotResponse answer = new routes.schema.BotResponse(routes.schema.BotResponse.idFor("q-" + run), "q-" + run,
                question, text, GENERAL, java.time.Instant.now().toString(), Map.of("origin", "discord"), 1,
                routes.schema.BotResponse.NO_MATCH, List.of(), null, 1L);
        String json = new WireFormat().write(answer);
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-responses", GENERAL, json);
        await().atMost(WAIT).until(() -> posted(text) == 1);
        // the same answer again (a redelivery), then again after the bot restarted: still one post
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-responses", GENERAL, json);
        bot.close();
        bot = new RtfmApplication(config("bot"));
        bot.start();
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-responses", GENERAL, json);
        String control = discord.guild().sendMessage(GENERAL, ALICE, "RTFM is the release train on Thursdays " + run + "?", null);
        await().atMost(WAIT).until(() -> discord.bot().replyTo(control) != null);
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of("privacy-bot-" + run, "privacy-" + run + "-responses") == 0);
        }
        assertThat(posted(text)).isEqualTo(1);
    }

    private long posted(String text) {
        return discord.bot().sentMessages().stream().filter(call -> call.body() != null && call.body().path("content").asText().contains(text))
                .count();
    }

    private String ephemeralReply(String interaction) {
        JsonNode reply = await().atMost(WAIT).until(() -> discord.interactions().reply(interaction), r -> r != null);
        // every privacy reply is for the asker alone: flag 64 on the deferral or the reply itself
        assertThat(discord.bot().calls()).anyMatch(call -> call.path().startsWith("/api/v10/interactions/" + interaction + "/")
                && call.body() != null && (call.body().path("data").path("flags").asInt() & 64) == 64);
        return reply.path("content").asText();
    }

    private void assertDeletionRecordsInTheLog(String... ids) {
        List<ConsumerRecord<String, String>> log = TopicReader.all(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-messages");
        for (String id : ids) {
            assertThat(log).as("a deletion record for " + id)
                    .anyMatch(r -> id.equals(r.key()) && new WireFormat().parseMessage(r.value()).isDeletion());
        }
    }

    private void awaitIngested() throws Exception {
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of("privacy-processor-" + run, "privacy-" + run + "-messages") == 0);
        }
    }

    private String store(String channel, String author, String content) {
        return store(channel, author, content, null);
    }

    private String store(String channel, String author, String content, String replyTo) {
        String id = discord.guild().sendMessage(channel, author, content, replyTo);
        await().atMost(WAIT).until(() -> stored(id));
        return id;
    }

    private boolean stored(String id) {
        return record(id).path("ids").size() == 1;
    }

    private JsonNode metadata(String id) {
        return record(id).path("metadatas").path(0);
    }

    private JsonNode record(String id) {
        return chroma.post(chroma.recordsUrl() + "/get", "{\"ids\": [\"" + id + "\"], \"include\": [\"metadatas\"]}");
    }
}
