package routes.questionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.OptOut;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * What a user of the question log checks, driven as they would drive it (the HTTP API asks and votes, the
 * gateways' opt-out records forget), read back from the database with plain SQL. Run once against the real
 * PostgreSQL and once against the embedded default: the same migrations and statements serve both.
 */
abstract class QuestionLogContract extends QuestionLogFixture {

    @Test
    void anAnsweredQuestionIsLoggedWithItsSources() throws Exception {
        String queryId = ask("help", "u-alice", "alice", "how do I rotate the API key?");
        Map<String, Object> row = log.awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(row).containsEntry("question", "how do I rotate the API key?").containsEntry("guild_id", GUILD)
                .containsEntry("channel_id", "help").containsEntry("asker_id", "u-alice").containsEntry("asker_name", "alice")
                .containsEntry("asked_via", "api").containsEntry("mode", "sources_only");
        // the only message about keys is the first source; the office message may follow it, nothing else exists
        List<Map<String, Object>> sources = log.rows("SELECT source_rank, message_id, score FROM answer_sources WHERE query_id = ? ORDER BY source_rank",
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
        log.awaitRow(queryId, r -> r.get("mode") != null);
        assertThat(vote(queryId, "u-bob", "up", null).statusCode()).isEqualTo(202);
        assertThat(vote(queryId, "u-carol", "down", "It skips the confirmation step").statusCode()).isEqualTo(202);
        log.awaitRow(queryId, r -> ((Number) r.get("up_votes")).intValue() == 1 && ((Number) r.get("down_votes")).intValue() == 1);
        // bob changes his mind: still one vote of his, now down
        assertThat(vote(queryId, "u-bob", "down", null).statusCode()).isEqualTo(202);
        Map<String, Object> row = log.awaitRow(queryId, r -> ((Number) r.get("down_votes")).intValue() == 2);
        assertThat(((Number) row.get("up_votes")).intValue()).isZero();
        assertThat(log.rows("SELECT user_id, vote, comment FROM votes WHERE query_id = ? ORDER BY user_id", queryId)).containsExactly(
                row("user_id", "u-bob", "vote", "down", "comment", null),
                row("user_id", "u-carol", "vote", "down", "comment", "It skips the confirmation step"));
    }

    @Test
    void recordsInAnyOrderAndRedeliveredMakeOneRow() throws Exception {
        // the answer and a vote come first (another partition, another processor), then the question, twice
        String id = "query_order_" + run;
        Instant asked = Instant.now().minusSeconds(5);
        BotResponse answer = new BotResponse(BotResponse.idFor(id), id, id, "Open Settings, then Keys.", "help", Instant.now().toString(),
                Map.of(BotResponse.GUILD_ID, GUILD, BotResponse.ASKER_ID, "u-order"), 1, BotResponse.SOURCES_ONLY,
                List.of(new BotResponse.Source(keyMessage, "help", "ana", null, 0.71, "To rotate the API key…")), null, 40L);
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("responses"), "help", wire.write(answer));
        assertThat(vote(id, "u-bob", "up", null).statusCode()).isEqualTo(202);
        log.awaitRow(id, r -> r.get("mode") != null && ((Number) r.get("up_votes")).intValue() == 1);
        // answer-queries answers it too, a moment later: its answer cites the same key message
        BotQuery question = question(id, "how do I rotate the API key, in which order?", "orderly", "u-order", asked, Map.of());
        sendQueries(question, question);
        Map<String, Object> row = log.awaitRow(id, r -> r.get("question") != null);
        assertThat(row).containsEntry("question", "how do I rotate the API key, in which order?").containsEntry("mode", "sources_only")
                .containsEntry("asker_name", "orderly").containsEntry("guild_id", GUILD);
        assertThat(((Number) row.get("up_votes")).intValue()).isEqualTo(1);
        // asked 5 s before it was answered, by the records' own times
        assertThat(((Number) row.get("latency_ms")).longValue()).isBetween(4_000L, 60_000L);
        assertThat(log.rows("SELECT query_id FROM questions WHERE query_id = ?", id)).hasSize(1);
        assertThat(log.rows("SELECT message_id FROM answer_sources WHERE query_id = ? AND source_rank = 1", id))
                .containsExactly(Map.of("message_id", keyMessage));
    }

    @Test
    void aProactiveQuestionIsAnsweredOnlyWhenTheRankingIsSureAndLoggedEitherWay() throws Exception {
        // nobody asked RTFM these two (context trigger: proactive); the office message says the first one word for word
        String sure = "proactive_sure_" + run;
        String unsure = "proactive_unsure_" + run;
        Map<String, Object> proactive = Map.of(BotQuery.TRIGGER, BotQuery.PROACTIVE);
        sendQueries(question(sure, "The office is closed on Fridays.", "pro", "u-pro", Instant.now(), proactive),
                question(unsure, "How do I change my password in the account settings?", "pro", "u-pro", Instant.now(), proactive));
        Map<String, Object> answered = log.awaitRow(sure, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(answered).containsEntry("asked_via", "proactive").containsEntry("mode", "sources_only");
        assertThat((String) answered.get("answer")).startsWith("This may already be answered — from earlier in #help:");
        // nothing said here is about passwords: not answered, but on the record (17 characters of mode fit)
        Map<String, Object> skipped = log.awaitRow(unsure, r -> r.get("mode") != null && r.get("question") != null);
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
        Map<String, Object> row = log.awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(row).containsEntry("mode", "no_match").containsEntry("guild_id", "a-guild-with-nothing");
        assertThat(((Number) row.get("sources_count")).intValue()).isZero();
    }

    @Test
    void forgettingAMemberRemovesTheirQuestionsAndVotesAndKeepsThemOut() throws Exception {
        String davesQuestion = ask("help", "u-dave", "dave", "how do I rotate an API key, dave asks?");
        String alicesQuestion = ask("help", "u-alice", "alice", "how does key rotation work?");
        log.awaitRow(davesQuestion, r -> r.get("mode") != null);
        log.awaitRow(alicesQuestion, r -> r.get("mode") != null);
        vote(davesQuestion, "u-erin", "up", null);
        vote(alicesQuestion, "u-dave", "down", "dave's comment");
        vote(alicesQuestion, "u-erin", "up", null);
        log.awaitRow(alicesQuestion, r -> ((Number) r.get("up_votes")).intValue() == 1 && ((Number) r.get("down_votes")).intValue() == 1);
        log.awaitRow(davesQuestion, r -> ((Number) r.get("up_votes")).intValue() == 1);

        Instant forgotAt = Instant.now();
        publishChoice(new OptOut(GUILD, OptOut.USER, "u-dave", false, forgotAt.toString(), "forget", "u-dave", null, null, 1));
        await().atMost(WAIT).until(() -> log.row(davesQuestion) == null);
        Map<String, Object> alices = log.awaitRow(alicesQuestion, r -> ((Number) r.get("down_votes")).intValue() == 0);
        assertThat(((Number) alices.get("up_votes")).intValue()).isEqualTo(1);
        assertThat(log.rows("SELECT user_id FROM votes WHERE user_id = ?", "u-dave")).isEmpty();

        // a question of his asked before he forgot, read only now (a replay, a lagging partition), is not logged either
        BotQuery late = question("query_late_" + run, "what about key rotation?", "dave", "u-dave", forgotAt.minusSeconds(30), Map.of());
        String marker = ask("help", "u-alice", "alice", "is key rotation logged after the late one?");
        sendQueries(late);
        // its answer is published (answer-queries knows nothing of the log) and the log has read past it
        assertThat(TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains("query_late_" + run), WAIT)).isNotNull();
        log.awaitRow(marker, r -> r.get("mode") != null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> log.row(late.queryId()) == null);
    }

    @Test
    void aDeletedChannelTakesItsQuestionsWithIt() throws Exception {
        String doomed = ask("doomed-" + run, "u-alice", "alice", "how do I rotate the API key in doomed?");
        String kept = ask("help", "u-alice", "alice", "how do I rotate the API key in help?");
        log.awaitRow(doomed, r -> r.get("mode") != null);
        log.awaitRow(kept, r -> r.get("mode") != null);
        vote(doomed, "u-bob", "up", null);
        log.awaitRow(doomed, r -> ((Number) r.get("up_votes")).intValue() == 1);
        publishChoice(new OptOut(GUILD, OptOut.CHANNEL, "doomed-" + run, false, Instant.now().toString(), "channel_deleted", null, null,
                null, 1));
        await().atMost(WAIT).until(() -> log.row(doomed) == null);
        assertThat(log.rows("SELECT query_id FROM votes WHERE query_id = ?", doomed)).isEmpty();
        assertThat(log.row(kept)).isNotNull();
    }

    @Test
    void retentionDeletesWhatIsOlderThanItsDays() throws Exception {
        // the retention route is held while the old question is written, so the test sees it before and after
        app.context().getRouteController().stopRoute("prune-question-log");
        BotQuery old = question("query_old_" + run, "an old question about keys?", "alice", "u-alice",
                Instant.now().minus(100, ChronoUnit.DAYS), Map.of());
        sendQueries(old);
        String recent = ask("help", "u-alice", "alice", "a recent question about keys?");
        log.awaitRow(old.queryId(), r -> r.get("question") != null && r.get("mode") != null);
        log.awaitRow(recent, r -> r.get("mode") != null);
        vote(old.queryId(), "u-bob", "up", null);
        log.awaitRow(old.queryId(), r -> ((Number) r.get("up_votes")).intValue() == 1);

        app.context().getRouteController().startRoute("prune-question-log");
        // 100 days is past the 90-day default; the recent question stays
        await().atMost(WAIT).until(() -> log.row(old.queryId()) == null);
        assertThat(log.rows("SELECT query_id FROM votes WHERE query_id = ?", old.queryId())).isEmpty();
        assertThat(log.row(recent)).isNotNull();
    }

    @Test
    void logTailPrintsTheLatestQuestionsWithTheirVotesWhileTheAppRuns() throws Exception {
        String queryId = ask("help", "u-tail", "tailor", "how do I rotate the API key, asks the tail test?");
        log.awaitRow(queryId, r -> r.get("mode") != null);
        vote(queryId, "u-bob", "down", "missing the confirmation step");
        log.awaitRow(queryId, r -> ((Number) r.get("down_votes")).intValue() == 1);
        String[] outcome = logTail("-n", "50");
        assertThat(outcome[0]).isEqualTo("0");
        String line = outcome[1].lines().filter(l -> l.contains("asks the tail test?")).findFirst().orElseThrow();
        assertThat(line).contains("tailor").contains("api").contains("sources_only").containsPattern(" 0 +1 +how do I rotate");
        assertThat(outcome[1]).contains("👎 \"missing the confirmation step\"");
        assertThat(logTail("-n", "0")[2]).contains("--lines must be between 1 and 10000");
    }
}
