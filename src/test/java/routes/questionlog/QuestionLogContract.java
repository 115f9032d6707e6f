package routes.questionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;
import routes.schema.WireFormat;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;
import routes.testing.TestDatabase;
import routes.testing.TopicReader;

/**
 * What a user of the question log checks, driven as they would drive it (the HTTP API asks and votes, the
 * gateways' opt-out records forget), read back from the database with plain SQL. Run once against the real
 * PostgreSQL and once against the embedded default: the same migrations and statements serve both.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuestionLogContract {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String GUILD = "log-guild";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final WireFormat wire = new WireFormat();
    final Properties config = new Properties();
    final HttpClient http = HttpClient.newHttpClient();
    RtfmApplication app;
    String keyMessage;

    /** rtfm.database.url for this run ("" = the embedded default). */
    abstract String databaseUrl();

    /** Where a test connects to read the log (the same database the app writes). */
    abstract String readUrl();

    void cleanUp() {
    }

    @BeforeAll
    void start() throws Exception {
        config.putAll(TestApps.config("log" + getClass().getSimpleName().toLowerCase().replace("questionlog", "").replace("it", ""), run));
        config.setProperty("rtfm.database.url", databaseUrl());
        app = new RtfmApplication(config);
        ChromaCollection chroma = app.start().getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
        keyMessage = "log-" + run + "-keys";
        List<Map.Entry<String, String>> messages = List.of(
                Map.entry(keyMessage, message(keyMessage, "To rotate the API key open Settings, then Keys, and press Rotate.", "ana")),
                Map.entry("log-" + run + "-office", message("log-" + run + "-office", "The office is closed on Fridays.", "bob")));
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("messages"), messages);
        await().atMost(WAIT).until(() -> chroma.count() == 2);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        cleanUp();
    }

    @Test
    void anAnsweredQuestionIsLoggedWithItsSources() throws Exception {
        String queryId = ask("help", "u-alice", "alice", "how do I rotate the API key?");
        Map<String, Object> row = awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(row).containsEntry("question", "how do I rotate the API key?").containsEntry("guild_id", GUILD)
                .containsEntry("channel_id", "help").containsEntry("asker_id", "u-alice").containsEntry("asker_name", "alice")
                .containsEntry("asked_via", "api").containsEntry("mode", "sources_only");
        // the only message about keys is the first source; the office message may follow it, nothing else exists
        List<Map<String, Object>> sources = rows("SELECT source_rank, message_id, score FROM answer_sources WHERE query_id = ? ORDER BY source_rank",
                queryId);
        assertThat(sources).isNotEmpty();
        assertThat(sources.get(0)).containsEntry("message_id", keyMessage);
        assertThat(((Number) row.get("sources_count")).intValue()).isEqualTo(sources.size());
        assertThat(((Number) row.get("best_similarity")).doubleValue()).isGreaterThan(0.3).isLessThanOrEqualTo(1.0);
        assertThat(((Number) row.get("latency_ms")).longValue()).isBetween(0L, WAIT.toMillis());
        assertThat(((Number) row.get("up_votes")).intValue()).isZero();
    }

    @Test
    void votesAreOnePerMemberAndALaterClickReplacesTheEarlier() throws Exception {
        String queryId = ask("help", "u-alice", "alice", "where do I rotate keys?");
        awaitRow(queryId, r -> r.get("mode") != null);
        assertThat(vote(queryId, "u-bob", "up", null).statusCode()).isEqualTo(202);
        assertThat(vote(queryId, "u-carol", "down", "It skips the confirmation step").statusCode()).isEqualTo(202);
        awaitRow(queryId, r -> ((Number) r.get("up_votes")).intValue() == 1 && ((Number) r.get("down_votes")).intValue() == 1);
        // bob changes his mind: still one vote of his, now down
        assertThat(vote(queryId, "u-bob", "down", null).statusCode()).isEqualTo(202);
        Map<String, Object> row = awaitRow(queryId, r -> ((Number) r.get("down_votes")).intValue() == 2);
        assertThat(((Number) row.get("up_votes")).intValue()).isZero();
        assertThat(rows("SELECT user_id, vote, comment FROM votes WHERE query_id = ? ORDER BY user_id", queryId)).containsExactly(
                row("user_id", "u-bob", "vote", "down", "comment", null),
                row("user_id", "u-carol", "vote", "down", "comment", "It skips the confirmation step"));
    }

    @Test
    void recordsInAnyOrderAndRedeliveredMakeOneRow() throws Exception {
        // the answer and a vote come first (another partition, another processor), then the question, twice
        String id = "query_order_" + run;
        String asked = Instant.now().minusSeconds(5).toString();
        BotResponse answer = new BotResponse(BotResponse.idFor(id), id, id, "Open Settings, then Keys.", "help", Instant.now().toString(),
                Map.of(BotResponse.GUILD_ID, GUILD, BotResponse.ASKER_ID, "u-order"), 1, BotResponse.SOURCES_ONLY,
                List.of(new BotResponse.Source(keyMessage, "help", "ana", null, 0.71, "To rotate the API key…")), null, 40L);
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("responses"), "help", wire.write(answer));
        assertThat(vote(id, "u-bob", "up", null).statusCode()).isEqualTo(202);
        awaitRow(id, r -> r.get("mode") != null && ((Number) r.get("up_votes")).intValue() == 1);
        // answer-queries answers it too, a moment later: its answer cites the same key message
        BotQuery question = new BotQuery(id, id, "how do I rotate the API key, in which order?", "orderly", "u-order", "help", asked,
                Map.of(BotQuery.ORIGIN, "http"), 1, GUILD, null, null);
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("queries"),
                List.of(Map.entry("help:u-order", wire.write(question)), Map.entry("help:u-order", wire.write(question))));
        Map<String, Object> row = awaitRow(id, r -> r.get("question") != null);
        assertThat(row).containsEntry("question", "how do I rotate the API key, in which order?").containsEntry("mode", "sources_only")
                .containsEntry("asker_name", "orderly").containsEntry("guild_id", GUILD);
        assertThat(((Number) row.get("up_votes")).intValue()).isEqualTo(1);
        // asked 5 s before it was answered, by the records' own times
        assertThat(((Number) row.get("latency_ms")).longValue()).isBetween(4_000L, 60_000L);
        assertThat(rows("SELECT query_id FROM questions WHERE query_id = ?", id)).hasSize(1);
        assertThat(rows("SELECT message_id FROM answer_sources WHERE query_id = ? AND source_rank = 1", id))
                .containsExactly(Map.of("message_id", keyMessage));
    }

    @Test
    void aProactiveQuestionIsAnsweredOnlyWhenTheRankingIsSureAndLoggedEitherWay() throws Exception {
        // nobody asked RTFM these two (context trigger: proactive); the office message says the first one word for word
        String sure = "proactive_sure_" + run;
        String unsure = "proactive_unsure_" + run;
        Map<String, Object> context = Map.of(BotQuery.ORIGIN, "http", BotQuery.TRIGGER, BotQuery.PROACTIVE);
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("queries"), List.of(
                Map.entry("help:u-pro", wire.write(new BotQuery(sure, sure, "The office is closed on Fridays.", "pro", "u-pro", "help",
                        Instant.now().toString(), context, 1, GUILD, null, null))),
                Map.entry("help:u-pro", wire.write(new BotQuery(unsure, unsure, "How do I change my password in the account settings?",
                        "pro", "u-pro", "help", Instant.now().toString(), context, 1, GUILD, null, null)))));
        Map<String, Object> answered = awaitRow(sure, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(answered).containsEntry("asked_via", "proactive").containsEntry("mode", "sources_only");
        assertThat((String) answered.get("answer")).startsWith("This may already be answered — from earlier in #help:");
        // nothing said here is about passwords: not answered, but on the record (17 characters of mode fit)
        Map<String, Object> skipped = awaitRow(unsure, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(skipped).containsEntry("asked_via", "proactive").containsEntry("mode", "proactive_skipped");
        assertThat((String) skipped.get("answer")).startsWith("Not answered");
    }

    @Test
    void aVoteTheApiCannotTakeIsRefusedSayingWhy() throws Exception {
        HttpResponse<String> noVote = post("/api/feedback", "{\"query_id\":\"q1\",\"vote\":\"maybe\"}");
        assertThat(noVote.statusCode()).isEqualTo(400);
        assertThat(noVote.body()).contains("'vote' must be");
        assertThat(post("/api/feedback", "{\"vote\":\"up\"}").body()).contains("'query_id' is required");
        HttpResponse<String> longComment = post("/api/feedback", "{\"query_id\":\"q1\",\"vote\":\"down\",\"comment\":\"" + "x".repeat(301) + "\"}");
        assertThat(longComment.statusCode()).isEqualTo(400);
        assertThat(longComment.body()).contains("at most 300 characters");
        assertThat(post("/api/feedback", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void aQuestionNothingMatchesIsLoggedAsNoMatch() throws Exception {
        String queryId = askIn("a-guild-with-nothing", "help", "u-alice", "alice", "how do I rotate the API key?");
        Map<String, Object> row = awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(row).containsEntry("mode", "no_match").containsEntry("guild_id", "a-guild-with-nothing");
        assertThat(((Number) row.get("sources_count")).intValue()).isZero();
    }

    @Test
    void forgettingAMemberRemovesTheirQuestionsAndVotesAndKeepsThemOut() throws Exception {
        String davesQuestion = ask("help", "u-dave", "dave", "how do I rotate an API key, dave asks?");
        String alicesQuestion = ask("help", "u-alice", "alice", "how does key rotation work?");
        awaitRow(davesQuestion, r -> r.get("mode") != null);
        awaitRow(alicesQuestion, r -> r.get("mode") != null);
        vote(davesQuestion, "u-erin", "up", null);
        vote(alicesQuestion, "u-dave", "down", "dave's comment");
        vote(alicesQuestion, "u-erin", "up", null);
        awaitRow(alicesQuestion, r -> ((Number) r.get("up_votes")).intValue() == 1 && ((Number) r.get("down_votes")).intValue() == 1);
        awaitRow(davesQuestion, r -> ((Number) r.get("up_votes")).intValue() == 1);

        Instant forgotAt = Instant.now();
        publishChoice(new OptOut(GUILD, OptOut.USER, "u-dave", false, forgotAt.toString(), "forget", "u-dave", null, null, 1));
        await().atMost(WAIT).until(() -> row(davesQuestion) == null);
        Map<String, Object> alices = awaitRow(alicesQuestion, r -> ((Number) r.get("down_votes")).intValue() == 0);
        assertThat(((Number) alices.get("up_votes")).intValue()).isEqualTo(1);
        assertThat(rows("SELECT user_id FROM votes WHERE user_id = ?", "u-dave")).isEmpty();

        // a question of his asked before he forgot, read only now (a replay, a lagging partition), is not logged either
        BotQuery late = new BotQuery("query_late_" + run, "query_late_" + run, "what about key rotation?", "dave", "u-dave", "help",
                forgotAt.minusSeconds(30).toString(), Map.of(BotQuery.ORIGIN, "http"), 1, GUILD, null, null);
        String marker = ask("help", "u-alice", "alice", "is key rotation logged after the late one?");
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), "help:u-dave", wire.write(late));
        // its answer is published (answer-queries knows nothing of the log) and the log has read past it
        assertThat(TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains("query_late_" + run), WAIT)).isNotNull();
        awaitRow(marker, r -> r.get("mode") != null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> row(late.queryId()) == null);
    }

    @Test
    void aDeletedChannelTakesItsQuestionsWithIt() throws Exception {
        String doomed = ask("doomed-" + run, "u-alice", "alice", "how do I rotate the API key in doomed?");
        String kept = ask("help", "u-alice", "alice", "how do I rotate the API key in help?");
        awaitRow(doomed, r -> r.get("mode") != null);
        awaitRow(kept, r -> r.get("mode") != null);
        vote(doomed, "u-bob", "up", null);
        awaitRow(doomed, r -> ((Number) r.get("up_votes")).intValue() == 1);
        publishChoice(new OptOut(GUILD, OptOut.CHANNEL, "doomed-" + run, false, Instant.now().toString(), "channel_deleted", null, null,
                null, 1));
        await().atMost(WAIT).until(() -> row(doomed) == null);
        assertThat(rows("SELECT query_id FROM votes WHERE query_id = ?", doomed)).isEmpty();
        assertThat(row(kept)).isNotNull();
    }

    @Test
    void retentionDeletesWhatIsOlderThanItsDays() throws Exception {
        // the retention route is held while the old question is written, so the test sees it before and after
        app.context().getRouteController().stopRoute("prune-question-log");
        BotQuery old = new BotQuery("query_old_" + run, "query_old_" + run, "an old question about keys?", "alice", "u-alice", "help",
                Instant.now().minus(100, ChronoUnit.DAYS).toString(), Map.of(BotQuery.ORIGIN, "http"), 1, GUILD, null, null);
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), "help:u-alice", wire.write(old));
        String recent = ask("help", "u-alice", "alice", "a recent question about keys?");
        awaitRow(old.queryId(), r -> r.get("question") != null && r.get("mode") != null);
        awaitRow(recent, r -> r.get("mode") != null);
        vote(old.queryId(), "u-bob", "up", null);
        awaitRow(old.queryId(), r -> ((Number) r.get("up_votes")).intValue() == 1);

        app.context().getRouteController().startRoute("prune-question-log");
        // 100 days is past the 90-day default; the recent question stays
        await().atMost(WAIT).until(() -> row(old.queryId()) == null);
        assertThat(rows("SELECT query_id FROM votes WHERE query_id = ?", old.queryId())).isEmpty();
        assertThat(row(recent)).isNotNull();
    }

    @Test
    void logTailPrintsTheLatestQuestionsWithTheirVotesWhileTheAppRuns() throws Exception {
        String queryId = ask("help", "u-tail", "tailor", "how do I rotate the API key, asks the tail test?");
        awaitRow(queryId, r -> r.get("mode") != null);
        vote(queryId, "u-bob", "down", "missing the confirmation step");
        awaitRow(queryId, r -> ((Number) r.get("down_votes")).intValue() == 1);
        String[] outcome = logTail("-n", "50");
        assertThat(outcome[0]).isEqualTo("0");
        String line = outcome[1].lines().filter(l -> l.contains("asks the tail test?")).findFirst().orElseThrow();
        assertThat(line).contains("tailor").contains("api").contains("sources_only").containsPattern(" 0 +1 +how do I rotate");
        assertThat(outcome[1]).contains("👎 \"missing the confirmation step\"");
        assertThat(logTail("-n", "0")[2]).contains("--lines must be between 1 and 10000");
    }

    /** Runs `log tail` as a second process would, with the app's database settings: exit code, output, errors. */
    String[] logTail(String... args) {
        java.io.PrintStream oldOut = System.out;
        java.io.PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setProperty("rtfm.local.dir", config.getProperty("rtfm.local.dir"));
        System.setProperty("rtfm.database.url", databaseUrl());
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            String[] command = new String[args.length + 2];
            command[0] = "log";
            command[1] = "tail";
            System.arraycopy(args, 0, command, 2, args.length);
            int exit = routes.cli.RtfmCommand.execute(command);
            return new String[] {Integer.toString(exit), out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.clearProperty("rtfm.local.dir");
            System.clearProperty("rtfm.database.url");
        }
    }

    // ---- helpers

    String topic(String role) {
        return config.getProperty("rtfm.topics." + role + ".name");
    }

    String message(String id, String text, String author) {
        return wire.write(new DiscordMessage(id, text, author, "id-" + author, "help", Instant.now().toString(), Map.of(),
                WireFormat.SCHEMA_VERSION, DiscordMessage.CREATED, GUILD, "help", null, null, false, List.of(), null, null, null));
    }

    String ask(String channel, String userId, String username, String question) throws Exception {
        return askIn(GUILD, channel, userId, username, question);
    }

    String askIn(String guild, String channel, String userId, String username, String question) throws Exception {
        String body = WireFormat.mapper().createObjectNode().put("question", question).put("guild_id", guild).put("channel_id", channel)
                .put("user_id", userId).put("username", username).toString();
        HttpResponse<String> answer = post("/api/ask", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode response = WireFormat.mapper().readTree(answer.body());
        return response.path("query_id").asText();
    }

    HttpResponse<String> vote(String queryId, String userId, String vote, String comment) throws Exception {
        var body = WireFormat.mapper().createObjectNode().put("query_id", queryId).put("user_id", userId).put("vote", vote)
                .put("guild_id", GUILD).put("channel_id", "help");
        if (comment != null) {
            body.put("comment", comment);
        }
        return post("/api/feedback", body.toString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void publishChoice(OptOut choice) throws Exception {
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("optouts"), choice.key(), wire.write(choice));
    }

    Map<String, Object> awaitRow(String queryId, java.util.function.Predicate<Map<String, Object>> ready) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> row(queryId), r -> r != null && ready.test(r));
    }

    Map<String, Object> row(String queryId) throws Exception {
        List<Map<String, Object>> found = rows("SELECT * FROM question_log WHERE query_id = ?", queryId);
        return found.isEmpty() ? null : found.get(0);
    }

    List<Map<String, Object>> rows(String sql, Object... params) throws Exception {
        return TestDatabase.rows(readUrl(), sql, params);
    }

    static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }
}
