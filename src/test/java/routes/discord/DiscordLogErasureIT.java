package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a member or Discord takes away leaves the question log too: /forget takes the member's questions and
 * votes, a deleted channel its questions.
 */
class DiscordLogErasureIT extends FeedbackGuildFixture {

    @Test
    void forgetRemovesTheMembersQuestionsAndVotes() throws Exception {
        String davesQuery = answeredQuery(discord.guild().sendMessage(HELP, DAVE, "RTFM dave asks how keys are rotated?", null));
        String bobsQuery = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM bob asks how keys are rotated?", null));
        discord.interactions().click(last(discord.bot().answerParts(lastQuestionOf(bobsQuery))), DAVE, "rtfm:vote:up:" + bobsQuery);
        log.awaitRow(bobsQuery, r -> count(r, "up_votes") == 1);
        log.awaitRow(davesQuery, r -> r.get("mode") != null);

        discord.interactions().slash(HELP, DAVE, "forget", null, Map.of());
        await().atMost(WAIT).until(() -> log.row(davesQuery) == null);
        Map<String, Object> bobs = log.awaitRow(bobsQuery, r -> count(r, "up_votes") == 0);
        assertThat(bobs).containsEntry("asker_id", BOB);
        assertThat(log.rows("SELECT query_id FROM votes WHERE user_id = ?", DAVE)).isEmpty();
    }

    @Test
    void aDeletedChannelTakesItsQuestionsWithIt() throws Exception {
        String doomed = answeredQuery(discord.guild().sendMessage(DOOMED, BOB, "RTFM how do I rotate the API key here?", null));
        String kept = answeredQuery(discord.guild().sendMessage(HELP, BOB, "RTFM how do I rotate the API key over here?", null));
        log.awaitRow(doomed, r -> r.get("mode") != null);
        log.awaitRow(kept, r -> r.get("mode") != null);
        discord.guild().deleteChannel(DOOMED);
        await().atMost(WAIT).until(() -> log.row(doomed) == null);
        assertThat(log.row(kept)).isNotNull();
    }
}
