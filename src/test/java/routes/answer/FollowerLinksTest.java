package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.WireFormat;

/**
 * The follow link (rtfm.retrieval.follow-window) on hand-made pools: a question nobody replied to,
 * and what other members posted in its channel just after it.
 */
class FollowerLinksTest {

    private static final float[] QUESTION = {1, 0, 0};
    /** Answer links with a 10-minute follow window. */
    private final AnswerRanker ranker = new AnswerRanker(5, true, 5, 0.05, 0, 10);

    /** A message in #help posted {@code minute} minutes after 12:00. */
    private static Candidate at(int minute, String id, String authorId, String replyTo, String text, double score) {
        String time = String.format("2023-02-10T12:%02d:00+00:00", minute);
        return new Candidate(id, "help", "help", authorId, time, null, score, text, null, score, authorId, replyTo, null);
    }

    /** What the look-up returns: each candidate as Chroma stores it, at its own similarity. */
    private static String found(Candidate... rows) {
        QueryResult result = new QueryResult();
        for (Candidate row : rows) {
            result.add(row.messageId(), row.text(), 1.0 - row.similarity()).put("channel_id", row.channelId()).put("guild_id", "g")
                    .put("author_id", row.authorId()).put("author_name", row.authorId()).put("reply_to", row.replyTo())
                    .put("iso_timestamp", row.isoTimestamp());
        }
        return result.json();
    }

    private static List<String> ids(List<Candidate> ranked) {
        return ranked.stream().map(Candidate::messageId).toList();
    }

    @Test
    void aMessageThatFollowsAnUnansweredQuestionRanksJustAboveItAsItsAnswer() throws Exception {
        Candidate question = at(0, "q", "ana", null, "which embedding model does the vector index use?", 0.80);
        Candidate other = at(1, "x", "cy", null, "how do I load a pdf?", 0.70);
        Candidate follower = at(7, "f", "bob", null, "the default openai one, you can set another", 0.40);
        List<Candidate> ranked = ranker.rank(found(follower), List.of(question, other));
        // by hand: the follower is x's only if x were the latest question before it; x came at 12:01, after q, so the
        // follower at 12:07 belongs to x: 0.70 + 0.05 = 0.75, below q's 0.80
        assertThat(ids(ranked)).containsExactly("q", "f", "x");

        Candidate later = at(9, "g", "bob", null, "the default openai one, you can set another", 0.40);
        List<Candidate> alone = ranker.rank(found(later), List.of(question));
        // q is the only question looked up: 0.80 + 0.05 = 0.85
        assertThat(ids(alone)).containsExactly("g", "q");
        assertThat(alone.get(0).score()).isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aQuestionSomebodyRepliedToIsAnsweredByTheReplyAlone() throws Exception {
        Candidate question = at(0, "q", "ana", null, "which embedding model does the vector index use?", 0.80);
        Candidate reply = at(2, "r", "bob", "q", "ada-002 unless you pass embed_model", 0.50);
        Candidate follower = at(3, "f", "cy", null, "also, has anyone tried weaviate?", 0.45);
        List<Candidate> ranked = ranker.rank(found(reply, follower), List.of(question));
        assertThat(ids(ranked)).containsExactly("r", "q");
    }

    @Test
    void theAskersOwnFollowUpsAThankYouAndLateMessagesAreNotAnswers() throws Exception {
        Candidate question = at(0, "q", "ana", null, "which embedding model does the vector index use?", 0.80);
        Candidate own = at(1, "o", "ana", null, "is it the text-ada one?", 0.60);
        Candidate thanks = at(2, "t", "bob", null, "thanks!", 0.30);
        Candidate late = at(11, "l", "cy", null, "the default openai one", 0.40);
        List<Candidate> ranked = ranker.rank(found(own, thanks, late), List.of(question));
        // nothing inherits: the pool keeps q alone, and the fetched messages are not added
        assertThat(ids(ranked)).containsExactly("q");
    }

    @Test
    void atMostTheFirstThreeFollowersAreLinked() throws Exception {
        Candidate question = at(0, "q", "ana", null, "which embedding model does the vector index use?", 0.80);
        Candidate[] followers = {at(1, "f1", "b", null, "one", 0.3), at(2, "f2", "c", null, "two", 0.3), at(3, "f3", "d", null, "three", 0.3),
            at(4, "f4", "e", null, "four", 0.3)};
        assertThat(ids(ranker.rank(found(followers), List.of(question)))).containsExactly("f1", "f2", "f3", "q");
    }

    @Test
    void followersAreLookedUpInTheQuestionsChannelWithinTheWindowAndOnlyWhereTheAskerMayRead() throws Exception {
        BotQuery query = new BotQuery("q1", "m", "model?", "u", "1", "help", "2025-11-02T12:34:56Z", Map.of(), 1, "g",
                List.of("help", "general"), null);
        Candidate question = at(0, "q", "ana", null, "which embedding model?", 0.9);
        JsonNode where = WireFormat.mapper().readTree(ranker.answersLookup(List.of(question), query, QUESTION)).path("where");
        assertThat(where.path("$and").toString()).contains("{\"guild_id\":{\"$eq\":\"g\"}}")
                .contains("{\"channel_id\":{\"$in\":[\"help\",\"general\"]}}");
        // 2023-02-10T12:00:00Z is 1676030400; ten minutes later 1676031000
        assertThat(where.path("$and").toString()).contains("{\"$and\":[{\"channel_id\":{\"$eq\":\"help\"}},"
                + "{\"timestamp\":{\"$gt\":1676030400}},{\"timestamp\":{\"$lte\":1676031000}}]}");
        AnswerRanker off = new AnswerRanker(5, true, 5, 0.05);
        assertThat(off.answersLookup(List.of(question), query, QUESTION)).doesNotContain("timestamp");
        assertThatThrownBy(() -> new AnswerRanker(5, true, 5, 0.05, 0, -1)).hasMessageContaining("follow-window");
    }
}
