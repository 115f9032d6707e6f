package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 👍/👎 from Discord: the buttons on every answer (a split one's last part, /ask's reply), one vote per
 * member, a reason with a 👎, votes closed after 30 days, all in the log.
 */
class DiscordFeedbackIT extends FeedbackGuildFixture {

    @Test
    void anAnswerCarriesTheButtonsAndIsLoggedWithItsSources() throws Exception {
        String question = discord.guild().sendMessage(HELP, BOB, "RTFM how do I rotate the API key?", null);
        String queryId = answeredQuery(question);
        Map<String, Object> row = log.awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
        assertThat(row).containsEntry("question", "how do I rotate the API key?").containsEntry("asker_id", BOB)
                .containsEntry("asker_name", "bob").containsEntry("guild_id", GUILD).containsEntry("channel_id", HELP)
                .containsEntry("asked_via", "trigger").containsEntry("mode", "generated");
        assertThat(log.rows("SELECT message_id FROM answer_sources WHERE query_id = ? AND source_rank = 1", queryId))
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
        log.awaitRow(queryId, r -> count(r, "up_votes") == 1);

        // carol changes her mind: the 👎 opens the optional "what was wrong?" form (9) and replaces her 👍 at once
        String down = discord.interactions().click(answer, CAROL, "rtfm:vote:down:" + queryId);
        JsonNode form = awaitCallback(down);
        assertThat(form.path("type").asInt()).isEqualTo(9);
        assertThat(form.path("data").path("custom_id").asText()).isEqualTo("rtfm:why:" + queryId);
        log.awaitRow(queryId, r -> count(r, "up_votes") == 0 && count(r, "down_votes") == 1);
        String why = discord.interactions().submitModal(HELP, CAROL, "rtfm:why:" + queryId, Map.of("comment", "It does not say where Settings is"));
        assertThat(awaitCallback(why).path("data").path("content").asText()).isEqualTo("Thanks — noted.");
        await().atMost(WAIT).until(() -> log.rows("SELECT comment FROM votes WHERE query_id = ? AND user_id = ?", queryId, CAROL),
                r -> r.equals(List.of(Map.of("comment", "It does not say where Settings is"))));

        discord.interactions().click(answer, DAVE, "rtfm:vote:up:" + queryId);
        Map<String, Object> row = log.awaitRow(queryId, r -> count(r, "up_votes") == 1);
        assertThat(count(row, "down_votes")).isEqualTo(1);
    }

    @Test
    void aQuestionNothingMatchesIsAnsweredWithButtonsAndLoggedAsNoMatch() throws Exception {
        String queryId = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM what is the capital of Mongolia?", null));
        Map<String, Object> row = log.awaitRow(queryId, r -> r.get("mode") != null && r.get("question") != null);
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
        await().atMost(WAIT).until(() -> log.rows("SELECT vote FROM votes WHERE query_id = ?", "query_last_week"),
                r -> r.equals(List.of(Map.of("vote", "up"))));
        assertThat(log.rows("SELECT vote FROM votes WHERE query_id = ?", "query_long_ago")).isEmpty();
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
        assertThat(log.awaitRow(queryId, r -> r.get("asked_via") != null)).containsEntry("asked_via", "slash_private").containsEntry("asker_id", CAROL);
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
        log.awaitRow(queryId, r -> count(r, "up_votes") == 1);
    }
}
