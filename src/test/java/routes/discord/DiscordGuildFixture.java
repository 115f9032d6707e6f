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
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import routes.schema.BotResponse;
import routes.schema.WireFormat;
import routes.testing.AppIT;
import routes.testing.discord.FakeDiscord;
import routes.testing.Gemini;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * The real app (role all) with the real JDA client connected to a fake Discord on loopback, the
 * shared real Kafka and Chroma, and WireMock as Gemini. Main code is pointed at the fake by
 * configuration alone. The guild, its members, channels and threads, and what the tests of each
 * part (DiscordIT, DiscordProactiveIT, DiscordBoundariesIT) do with it, each against an app of its own.
 */
abstract class DiscordGuildFixture extends AppIT {

    /** Above what any one member asks in the other tests, so only the limit test reaches it. */
    static final int QUESTION_LIMIT = 10;
    static final String API_TOKEN = "discord-it-api-token";
    // the guild and its channels, its members (one of them another bot), and its threads
    static final String GUILD = "3000000000000000001", GENERAL = "3000000000000000010", SECRET = "3000000000000000011",
            STAFF = "3000000000000000012";
    static final String ALICE = "4000000000000000001", BOB = "4000000000000000002", CAROL = "4000000000000000004",
            DAVE = "4000000000000000005", EVE = "4000000000000000006", OTHER_BOT = "4000000000000000003";
    /** Only the proactive-answers test posts here: it is the one channel with them on. */
    static final String HELP = "3000000000000000013";
    /** A forum: each post a thread, its starter message under the thread's id. */
    static final String FORUM = "3000000000000000014";
    /** A forum where the bot lacks Manage Threads: a marked solution's post cannot be tagged there. */
    static final String IDEAS = "3000000000000000015";
    static final String STAFF_ROLE = "5000000000000000001";
    static final String PUBLIC_THREAD = "3000000000000000020", PRIVATE_THREAD = "3000000000000000021";
    static final String LONG_ANSWER = "Here is everything about releases.\n" + "A release step explained at length. ".repeat(150);
    // the model tries to ping everyone: the reply must ping nobody
    static final String MODEL_ANSWER = "@everyone Deploys go out on Fridays at 5pm [1].";
    static final Duration WAIT = Duration.ofSeconds(45);

    protected FakeDiscord discord;
    protected WireMockServer gemini;

    @BeforeAll
    void start() throws Exception {
        discord = new FakeDiscord(GUILD,
                List.of(new FakeDiscord.Channel(GENERAL, "general", null), new FakeDiscord.Channel(SECRET, "secret", Set.of(ALICE)),
                        new FakeDiscord.Channel(STAFF, "staff", null, Set.of(STAFF_ROLE)), new FakeDiscord.Channel(HELP, "help", null),
                        new FakeDiscord.Channel(FORUM, "questions", null), new FakeDiscord.Channel(IDEAS, "ideas", null)),
                List.of(new FakeDiscord.Member(ALICE, "alice", false), new FakeDiscord.Member(BOB, "bob", false),
                        new FakeDiscord.Member(OTHER_BOT, "otherbot", true), new FakeDiscord.Member(CAROL, "carol", false),
                        new FakeDiscord.Member(DAVE, "dave", false, Set.of(STAFF_ROLE)), new FakeDiscord.Member(EVE, "eve", false)),
                List.of(new FakeDiscord.Thread(PUBLIC_THREAD, "deploy help", GENERAL, null),
                        new FakeDiscord.Thread(PRIVATE_THREAD, "hr matters", GENERAL, Set.of(ALICE)))).forums(FORUM, IDEAS).botManagesThreadsIn(FORUM).start();
        gemini = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort()), () -> gemini.stop());
        gemini.start();
        apps.closeAfter(discord, discord::close);
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(10)
                .willReturn(okJson(Gemini.answer(MODEL_ANSWER))));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("LONGFORM"))
                .willReturn(okJson(Gemini.answer(LONG_ANSWER))));
        configure("discord");
        config.setProperty("rtfm.gemini.api-key", "discord-it-key");
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.http.api-token", API_TOKEN);
        discord.configure(config);
        config.setProperty("rtfm.discord.questions-per-minute", Integer.toString(QUESTION_LIMIT));
        // #help, where proactive answers are on, gets two an hour: the test reaches the limit
        config.setProperty("rtfm.autoanswer.per-channel-per-hour", "2");
        startApp();
        assertThat(discord.identified()).isTrue();
    }

    String interactionText(String interaction) {
        return await().atMost(WAIT).until(() -> discord.interactions().reply(interaction), r -> r != null).path("content").asText();
    }

    BotResponse responseWithin(String originalMessageId, Duration wait) {
        ConsumerRecord<String, String> record = TopicReader.find(SharedInfrastructure.kafkaBootstrap(),
                config.getProperty("rtfm.topics.responses.name"),
                r -> r.value().contains("\"original_message_id\":\"" + originalMessageId + "\""), wait);
        return record == null ? null : new WireFormat().parseResponse(record.value());
    }

    List<String> geminiPrompts() {
        return gemini.getAllServeEvents().stream().map(event -> event.getRequest().getBodyAsString()).toList();
    }

    /**
     * Bob, who may not read where the secret was said, gets no source from it, and no hint of it.
     * Alice, who may, gets it where it was said, but not in #general, where Bob would see the answer:
     * there she is told that a relevant message was withheld.
     */
    void assertCitedOnlyWhereEveryoneMayReadIt(String secretId, String whereSaid, String question) {
        BotResponse toBob = responseTo(discord.guild().sendMessage(GENERAL, BOB, question, null));
        assertThat(toBob).isNotNull();
        assertThat(toBob.sources()).extracting(BotResponse.Source::messageId).doesNotContain(secretId);
        assertThat(toBob.responseText()).doesNotContain("not everyone here can read");
        BotResponse toAliceInGeneral = responseTo(discord.guild().sendMessage(GENERAL, ALICE, question, null));
        assertThat(toAliceInGeneral.sources()).extracting(BotResponse.Source::messageId).doesNotContain(secretId);
        assertThat(toAliceInGeneral.responseText()).contains("not everyone here can read");
        BotResponse toAliceWhereSaid = responseTo(discord.guild().sendMessage(whereSaid, ALICE, question, null));
        assertThat(toAliceWhereSaid).isNotNull();
        assertThat(toAliceWhereSaid.sources()).extracting(BotResponse.Source::messageId).contains(secretId);
    }

    /** Sends a chat message and waits until it is in Chroma, so a question right after it can find it. */
    String store(String channel, String author, String content) {
        String id = discord.guild().sendMessage(channel, author, content, null);
        await().atMost(WAIT).until(() -> record(id).path("ids").size() == 1);
        return id;
    }

    FakeDiscord.Call awaitReplyTo(String messageId) {
        return await().atMost(WAIT).until(() -> discord.bot().sentMessages().stream()
                .filter(call -> call.body() != null && messageId.equals(call.body().path("message_reference").path("message_id").asText()))
                .findFirst().orElse(null), call -> call != null);
    }

    static void assertSafe(JsonNode body) {
        JsonNode mentions = body.path("allowed_mentions");
        assertThat(mentions.path("parse").isArray()).as(body.toString()).isTrue();
        assertThat(mentions.path("parse").size()).isZero();
        assertThat(mentions.path("replied_user").asBoolean(false)).isFalse();
        assertThat(body.path("content").asText().length()).isLessThanOrEqualTo(2000);
    }

    BotResponse responseTo(String originalMessageId) {
        return responseWithin(originalMessageId, WAIT);
    }
}
