package routes.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import routes.testing.AppIT;
import routes.testing.discord.FakeDiscord;
import routes.testing.Gemini;
import routes.testing.LogReader;
import routes.testing.TestDatabase;

/**
 * 👍/👎 end to end, as members use them: the real app and JDA against the fake Discord (which now has message
 * components: buttons on sent messages, clicks as INTERACTION_CREATE type 3, modal submits as type 5), the
 * log in the real PostgreSQL. Every answer carries the two buttons (a split one on its last part only); a click
 * is acknowledged to the voter alone and becomes one vote per member (DiscordFeedbackIT); /forget and a
 * deleted channel take questions and votes out of the log (DiscordLogErasureIT).
 */
abstract class FeedbackGuildFixture extends AppIT {

    // the guild and its channels (#doomed is deleted), its members
    static final String GUILD = "3100000000000000001", HELP = "3100000000000000010", DOOMED = "3100000000000000011";
    static final String ALICE = "4100000000000000001", BOB = "4100000000000000002", CAROL = "4100000000000000003",
            DAVE = "4100000000000000004";
    static final String LONG_ANSWER = "Rotating keys, in full.\n" + "One rotation step explained at length. ".repeat(120);
    static final Duration WAIT = Duration.ofSeconds(45);

    final String database = TestDatabase.freshSchema("feedback_it");
    FakeDiscord discord;
    final LogReader log = new LogReader(() -> database, WAIT);
    WireMockServer gemini;
    String keyMessage;

    @BeforeAll
    void start() throws Exception {
        discord = new FakeDiscord(GUILD,
                List.of(new FakeDiscord.Channel(HELP, "help", null), new FakeDiscord.Channel(DOOMED, "doomed", null)),
                List.of(new FakeDiscord.Member(ALICE, "alice", false), new FakeDiscord.Member(BOB, "bob", false),
                        new FakeDiscord.Member(CAROL, "carol", false), new FakeDiscord.Member(DAVE, "dave", false))).start();
        gemini = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort()), () -> gemini.stop());
        gemini.start();
        apps.closeAfter(discord, discord::close);
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(10)
                .willReturn(okJson(Gemini.answer("Open Settings, then Keys, and press Rotate [1]."))));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1).withRequestBody(containing("LONGFORM"))
                .willReturn(okJson(Gemini.answer(LONG_ANSWER))));
        configure("feedback");
        config.setProperty("rtfm.gemini.api-key", "feedback-it-key");
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.http.api-token", "feedback-it-token");
        config.setProperty("rtfm.database.url", database);
        config.setProperty("rtfm.discord.questions-per-minute", "30");
        discord.configure(config);
        startApp();
        keyMessage = discord.guild().sendMessage(HELP, ALICE, "To rotate the API key open Settings, then Keys, and press Rotate.", null);
        await().atMost(WAIT).until(() -> chroma.count() == 1);
    }

    @AfterAll
    void dropDatabase() {
        TestDatabase.drop(database);
    }

    private final Map<String, String> questionOf = new java.util.concurrent.ConcurrentHashMap<>();

    /** Waits for the bot's whole answer to a question message (its last part has the buttons) and returns the query id they name. */
    String answeredQuery(String questionMessage) {
        List<String> parts = await().atMost(WAIT).until(() -> discord.bot().answerParts(questionMessage),
                p -> !p.isEmpty() && !discord.bot().buttons(p.get(p.size() - 1)).isEmpty());
        List<String> buttons = discord.bot().buttons(parts.get(parts.size() - 1));
        assertThat(buttons).hasSize(2);
        String queryId = buttons.get(0).substring("rtfm:vote:up:".length());
        assertThat(buttons.get(1)).isEqualTo("rtfm:vote:down:" + queryId);
        questionOf.put(queryId, questionMessage);
        return queryId;
    }

    String lastQuestionOf(String queryId) {
        return questionOf.get(queryId);
    }

    static String last(List<String> parts) {
        return parts.get(parts.size() - 1);
    }

    JsonNode awaitCallback(String interaction) {
        return await().atMost(WAIT).until(() -> discord.interactions().callback(interaction), c -> c != null);
    }

    static int count(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }
}
