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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.testing.AppIT;
import routes.testing.discord.FakeDiscord;
import routes.testing.Gemini;
import routes.testing.TestDatabase;

/**
 * 👍/👎 end to end, as members use them: the real app and JDA against the fake Discord (which now has message
 * components: buttons on sent messages, clicks as INTERACTION_CREATE type 3, modal submits as type 5), the
 * log in the real PostgreSQL. Every answer carries the two buttons (a split one on its last part only); a click
 * is acknowledged to the voter alone and becomes one vote per member; /forget and a deleted channel take
 * questions and votes out of the log.
 */
class DiscordFeedbackIT extends AppIT {

    private static final String GUILD = "3100000000000000001";
    private static final String HELP = "3100000000000000010";
    private static final String DOOMED = "3100000000000000011";
    private static final String ALICE = "4100000000000000001";
    private static final String BOB = "4100000000000000002";
    private static final String CAROL = "4100000000000000003";
    private static final String DAVE = "4100000000000000004";
    private static final String LONG_ANSWER = "Rotating keys, in full.\n" + "One rotation step explained at length. ".repeat(120);
    private static final Duration WAIT = Duration.ofSeconds(45);

    private final String database = TestDatabase.freshSchema("feedback_it");
    private FakeDiscord discord;
    private WireMockServer gemini;
    private String keyMessage;

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

    @Test
    void anAnswerCarriesTheButtonsAndIsLoggedWithItsSources() throws Exception {
        String question = discord.guild().sendMessage(HELP, BOB, "RTFM how do I rotate the API key?", null);
        String queryId = answeredQuery(question);
        Map<String, Object> row = awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(row).containsEntry("question", "how do I rotate the API key?").containsEntry("asker_id", BOB)
                .containsEntry("asker_name", "bob").containsEntry("guild_id", GUILD).containsEntry("channel_id", HELP)
                .containsEntry("asked_via", "trigger").containsEntry("mode", "generated");
        assertThat(rows("SELECT message_id FROM answer_sources WHERE query_id = ? AND source_rank = 1", queryId))
                .containsExactly(Map.of("message_id", keyMessage));
    }

    @Test
    void clicksBecomeOneVotePerMemberAndADownVoteMaySayWhy() throws Exception {
        String queryId = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM where are the API keys rotated?", null));
        String answer = last(discord.bot().answerParts(lastQuestionOf(queryId)));

        String up = discord.interactions().click(answer, CAROL, "rtfm:vote:up:" + queryId);
        JsonNode thanks = awaitCallback(up);
        // acknowledged to carol alone: a message (4), ephemeral (flags 64)
        assertThat(thanks.path("type").asInt()).isEqualTo(4);
        assertThat(thanks.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(thanks.path("data").path("content").asText()).isEqualTo("Thanks — noted.");
        awaitRow(queryId, r -> count(r, "up_votes") == 1);

        // carol changes her mind: the 👎 opens the optional "what was wrong?" form (9) and replaces her 👍 at once
        String down = discord.interactions().click(answer, CAROL, "rtfm:vote:down:" + queryId);
        JsonNode form = awaitCallback(down);
        assertThat(form.path("type").asInt()).isEqualTo(9);
        assertThat(form.path("data").path("custom_id").asText()).isEqualTo("rtfm:why:" + queryId);
        awaitRow(queryId, r -> count(r, "up_votes") == 0 && count(r, "down_votes") == 1);
        String why = discord.interactions().submitModal(HELP, CAROL, "rtfm:why:" + queryId, Map.of("comment", "It does not say where Settings is"));
        assertThat(awaitCallback(why).path("data").path("content").asText()).isEqualTo("Thanks — noted.");
        await().atMost(WAIT).until(() -> rows("SELECT comment FROM votes WHERE query_id = ? AND user_id = ?", queryId, CAROL),
                r -> r.equals(List.of(Map.of("comment", "It does not say where Settings is"))));

        discord.interactions().click(answer, DAVE, "rtfm:vote:up:" + queryId);
        Map<String, Object> row = awaitRow(queryId, r -> count(r, "up_votes") == 1);
        assertThat(count(row, "down_votes")).isEqualTo(1);
    }

    @Test
    void aQuestionNothingMatchesIsAnsweredWithButtonsAndLoggedAsNoMatch() throws Exception {
        String queryId = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM what is the capital of Mongolia?", null));
        Map<String, Object> row = awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(row).containsEntry("mode", "no_match").containsEntry("question", "what is the capital of Mongolia?");
        assertThat(count(row, "sources_count")).isZero();
    }

    @Test
    void votingOnAnAnswerOlderThanThirtyDaysHasClosed() throws Exception {
        String old = discord.guild().pastBotMessage(HELP, "An answer from long ago.", java.time.Instant.now().minus(31, java.time.temporal.ChronoUnit.DAYS),
                "rtfm:vote:up:query_long_ago", "rtfm:vote:down:query_long_ago");
        JsonNode closed = awaitCallback(discord.interactions().click(old, CAROL, "rtfm:vote:down:query_long_ago"));
        assertThat(closed.path("type").asInt()).isEqualTo(4);
        assertThat(closed.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(closed.path("data").path("content").asText()).isEqualTo("Voting has closed for this answer.");
        // and a recent one is open: the limit is the answer's age, not the button's existence
        String recent = discord.guild().pastBotMessage(HELP, "An answer from last week.", java.time.Instant.now().minus(7, java.time.temporal.ChronoUnit.DAYS),
                "rtfm:vote:up:query_last_week", "rtfm:vote:down:query_last_week");
        assertThat(awaitCallback(discord.interactions().click(recent, CAROL, "rtfm:vote:up:query_last_week")).path("data").path("content").asText())
                .isEqualTo("Thanks — noted.");
        await().atMost(WAIT).until(() -> rows("SELECT vote FROM votes WHERE query_id = ?", "query_last_week"),
                r -> r.equals(List.of(Map.of("vote", "up"))));
        assertThat(rows("SELECT vote FROM votes WHERE query_id = ?", "query_long_ago")).isEmpty();
    }

    @Test
    void aSplitAnswerCarriesTheButtonsOnItsLastPartOnly() throws Exception {
        String question = discord.guild().sendMessage(HELP, BOB, "RTFM LONGFORM how do I rotate the API key, in full?", null);
        String queryId = answeredQuery(question);
        List<String> parts = discord.bot().answerParts(question);
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(discord.bot().buttons(parts.get(0))).isEmpty();
        assertThat(discord.bot().buttons(parts.get(parts.size() - 1))).containsExactly("rtfm:vote:up:" + queryId, "rtfm:vote:down:" + queryId);
    }

    @Test
    void aSlashAskAnswerCarriesTheButtonsToo() throws Exception {
        String interaction = discord.interactions().askSlash(HELP, CAROL, "how do I rotate the API key?", true);
        await().atMost(WAIT).until(() -> discord.interactions().reply(interaction) != null);
        JsonNode reply = discord.interactions().reply(interaction);
        String upId = reply.path("components").path(0).path("components").path(0).path("custom_id").asText();
        assertThat(upId).startsWith("rtfm:vote:up:query_");
        String queryId = upId.substring("rtfm:vote:up:".length());
        assertThat(awaitRow(queryId, r -> r.get("asked_via") != null)).containsEntry("asked_via", "slash_private").containsEntry("asker_id", CAROL);
    }

    @Test
    void forgetRemovesTheMembersQuestionsAndVotes() throws Exception {
        String davesQuery = answeredQuery(discord.guild().sendMessage(HELP, DAVE, "RTFM dave asks how keys are rotated?", null));
        String bobsQuery = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM bob asks how keys are rotated?", null));
        discord.interactions().click(last(discord.bot().answerParts(lastQuestionOf(bobsQuery))), DAVE, "rtfm:vote:up:" + bobsQuery);
        awaitRow(bobsQuery, r -> count(r, "up_votes") == 1);
        awaitRow(davesQuery, r -> r.get("mode") != null);

        discord.interactions().slash(HELP, DAVE, "forget", null, Map.of());
        await().atMost(WAIT).until(() -> row(davesQuery) == null);
        Map<String, Object> bobs = awaitRow(bobsQuery, r -> count(r, "up_votes") == 0);
        assertThat(bobs).containsEntry("asker_id", BOB);
        assertThat(rows("SELECT query_id FROM votes WHERE user_id = ?", DAVE)).isEmpty();
    }

    @Test
    void aDeletedChannelTakesItsQuestionsWithIt() throws Exception {
        String doomed = answeredQuery(discord.guild().sendMessage(DOOMED, BOB, "RTFM how do I rotate the API key here?", null));
        String kept = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM how do I rotate the API key over here?", null));
        awaitRow(doomed, r -> r.get("mode") != null);
        awaitRow(kept, r -> r.get("mode") != null);
        discord.guild().deleteChannel(DOOMED);
        await().atMost(WAIT).until(() -> row(doomed) == null);
        assertThat(row(kept)).isNotNull();
    }

    @Test
    void theFakePressesButtonsOverHttpToo() throws Exception {
        String queryId = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM is key rotation documented?", null));
        String answer = last(discord.bot().answerParts(lastQuestionOf(queryId)));
        String body = "{\"message_id\":\"" + answer + "\",\"user_id\":\"" + ALICE + "\",\"custom_id\":\"rtfm:vote:up:" + queryId + "\"}";
        HttpResponse<String> pressed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(discord.apiBaseUrl().replace("/api/v10/", "/_control/click")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pressed.statusCode()).isEqualTo(200);
        awaitRow(queryId, r -> count(r, "up_votes") == 1);
    }

    // ---- helpers

    private final Map<String, String> questionOf = new java.util.concurrent.ConcurrentHashMap<>();

    /** Waits for the bot's whole answer to a question message (its last part has the buttons) and returns the query id they name. */
    private String answeredQuery(String questionMessage) {
        List<String> parts = await().atMost(WAIT).until(() -> discord.bot().answerParts(questionMessage),
                p -> !p.isEmpty() && !discord.bot().buttons(p.get(p.size() - 1)).isEmpty());
        List<String> buttons = discord.bot().buttons(parts.get(parts.size() - 1));
        assertThat(buttons).hasSize(2);
        String queryId = buttons.get(0).substring("rtfm:vote:up:".length());
        assertThat(buttons.get(1)).isEqualTo("rtfm:vote:down:" + queryId);
        questionOf.put(queryId, questionMessage);
        return queryId;
    }

    private String lastQuestionOf(String queryId) {
        return questionOf.get(queryId);
    }

    private static String last(List<String> parts) {
        return parts.get(parts.size() - 1);
    }

    private JsonNode awaitCallback(String interaction) {
        return await().atMost(WAIT).until(() -> discord.interactions().callback(interaction), c -> c != null);
    }

    private static int count(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    private Map<String, Object> awaitRow(String queryId, java.util.function.Predicate<Map<String, Object>> ready) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> row(queryId), r -> r != null && ready.test(r));
    }

    private Map<String, Object> row(String queryId) throws Exception {
        List<Map<String, Object>> found = rows("SELECT * FROM question_log WHERE query_id = ?", queryId);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Map<String, Object>> rows(String sql, Object... params) throws Exception {
        return TestDatabase.rows(database, sql, params);
    }
}
