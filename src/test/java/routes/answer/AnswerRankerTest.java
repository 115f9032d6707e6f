package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.WireFormat;

/** Each ranking rule on small hand-made pools: who asked, who answered, and what Chroma returns for the answers. */
class AnswerRankerTest {

    private static final float[] QUESTION = {1, 0, 0};
    private final AnswerRanker ranker = new AnswerRanker(5, true, 5, 0.05);

    private static Candidate message(String id, String authorId, String replyTo, String text, double score) {
        return new Candidate(id, "help", "help", authorId, null, null, score, text, null, score, authorId, replyTo, null);
    }

    /** A Chroma query result for the answers: each row is (id, author, reply_to, text, cosine distance to the question). */
    private static String found(Object[]... rows) {
        QueryResult result = new QueryResult();
        for (Object[] row : rows) {
            result.add((String) row[0], (String) row[3], (Double) row[4]).put("channel_id", "help").put("guild_id", "g")
                    .put("author_id", (String) row[1]).put("author_name", (String) row[1]).put("reply_to", (String) row[2]);
        }
        return result.json();
    }

    private static List<String> ids(List<Candidate> ranked) {
        return ranked.stream().map(Candidate::messageId).toList();
    }

    @Test
    void theAnswerToTheMostSimilarQuestionRanksFirstAndTheQuestionJustBelowIt() throws Exception {
        Candidate question = message("q", "ana", null, "how do I persist the index to disk?", 0.80);
        Candidate other = message("x", "cy", null, "how do I load a pdf?", 0.70);
        Candidate answer = message("a", "bob", "q", "call storage_context.persist() and load it with load_index_from_storage", 0.60);
        String fetched = found(new Object[] {"a", "bob", "q", answer.text(), 0.4});
        List<Candidate> ranked = ranker.rank(fetched, List.of(question, other, answer));
        // by hand: the answer takes 0.80 + 0.05 = 0.85; the question keeps 0.80, the other root 0.70
        assertThat(ids(ranked)).containsExactly("a", "q", "x");
        assertThat(ranked.get(0).score()).isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aMarkedSolutionRisesAmongCloseAnswersButNotOverAClearlyBetterOne() throws Exception {
        AnswerRanker withMarks = new AnswerRanker(5, false, 0, 0.05, 0.05);
        Candidate closer = message("c", "cy", "q", "run make rollback with the previous tag", 0.74);
        Candidate marked = new Candidate("m", "help", "help", "dee", null, null, 0.71, "redeploy the old image", null, 0.71, "dee", "q",
                null, true);
        Candidate clearlyBetter = message("b", "bo", null, "rollbacks: make rollback TAG=<previous>, then check the health page", 0.80);
        // by hand: the mark lifts 0.71 to 0.76, over the 0.74 of the unmarked reply, not over 0.80
        assertThat(ids(withMarks.rank(null, List.of(clearlyBetter, closer, marked)))).containsExactly("b", "m", "c");
        assertThat(withMarks.rank(null, List.of(closer, marked)).get(0).score()).isEqualTo(0.76, org.assertj.core.data.Offset.offset(1e-9));
        // among equals the marked one is cited first, in either order of the pool
        Candidate tied = message("t", "cy", "q", "run make rollback", 0.76);
        assertThat(ids(withMarks.rank(null, List.of(tied, marked)))).containsExactly("m", "t");
        assertThat(ids(withMarks.rank(null, List.of(marked, tied)))).containsExactly("m", "t");
        // without the bonus nothing moves
        assertThat(ids(new AnswerRanker(5, false, 0, 0.05, 0).rank(null, List.of(closer, marked)))).containsExactly("c", "m");
    }

    @Test
    void anAnswerOutsideThePoolIsFetchedAndScoredByItsOwnSimilarity() throws Exception {
        Candidate question = message("q", "ana", null, "how do I persist the index to disk?", 0.80);
        Candidate other = message("x", "cy", null, "how do I load a pdf?", 0.70);
        String fetched = found(new Object[] {"a", "bob", "q", "storage_context.persist()", 0.4});
        List<Candidate> ranked = ranker.rank(fetched, List.of(question, other));
        assertThat(ids(ranked)).containsExactly("a", "q", "x");
        // its cited similarity is its own: 1 - distance 0.4
        assertThat(ranked.get(0).similarity()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(ranked.get(0).author()).isEqualTo("bob");
    }

    @Test
    void aReplyToAReplyIsNotRedirectedAndOnlyRootsAreLookedUp() {
        BotQuery query = new BotQuery("q1", "m", "persist?", "u", "1", "help", "2025-11-02T12:34:56Z", Map.of(), 1, "g", List.of("help"),
                null);
        Candidate reply = message("r1", "bob", "q", "use persist()", 0.80);
        Candidate root = message("q2", "cy", null, "another question", 0.50);
        // the reply continues another message: its own replies are not looked up, the root's are
        assertThat(ranker.roots(List.of(reply, root))).extracting(Candidate::messageId).containsExactly("q2");
        assertThat(ranker.answersLookup(List.of(reply), query, QUESTION)).isNull();
    }

    @Test
    void aThankYouAndTheAskersOwnFollowUpInheritNothing() throws Exception {
        Candidate question = message("q", "ana", null, "how do I persist the index to disk?", 0.80);
        Candidate other = message("x", "cy", null, "how do I load a pdf?", 0.70);
        String fetched = found(new Object[] {"t", "bob", "q", "thanks!", 0.9},
                new Object[] {"f", "ana", "q", "also, it is a chroma index if that matters", 0.9});
        assertThat(ids(ranker.rank(fetched, List.of(question, other)))).containsExactly("q", "x");
        assertThat(AnswerRanker.isAcknowledgement("Thank you, that worked")).isTrue();
        assertThat(AnswerRanker.isAcknowledgement("thanks, but you also need to set the service context")).isFalse();
    }

    @Test
    void aThankYouInThePoolRanksBelowAMessageWithContent() throws Exception {
        Candidate thanks = message("t", "ana", "q", "thanks, that worked!", 0.62);
        Candidate content = message("c", "bob", null, "set chunk_size_limit on the service context", 0.58);
        // by hand: 0.62 - 0.1 = 0.52 < 0.58
        assertThat(ids(ranker.rank(null, List.of(thanks, content)))).containsExactly("c", "t");
    }

    @Test
    void theAnswersAreLookedUpOnlyInTheChannelsTheAskerMayRead() throws Exception {
        BotQuery query = new BotQuery("q1", "m", "persist?", "u", "1", "help", "2025-11-02T12:34:56Z", Map.of(), 1, "g",
                List.of("help", "general"), null);
        Candidate secretParent = message("q", "ana", null, "how do I persist?", 0.9);
        JsonNode lookup = WireFormat.mapper().readTree(ranker.answersLookup(List.of(secretParent), query, QUESTION));
        // the same guild and channel filter as the search itself: an answer in a channel the asker cannot read is never fetched
        assertThat(lookup.path("where").path("$and").toString()).contains("{\"guild_id\":{\"$eq\":\"g\"}}")
                .contains("{\"channel_id\":{\"$in\":[\"help\",\"general\"]}}").contains("\"reply_to\":{\"$in\":[\"q\"]}");
    }

    @Test
    void withAnswerLinksOffThePoolKeepsItsOrderAndOnlyTheBestAreKept() throws Exception {
        AnswerRanker off = new AnswerRanker(2, false, 5, 0.05);
        Candidate question = message("q", "ana", null, "how do I persist?", 0.80);
        Candidate answer = message("a", "bob", "q", "persist()", 0.60);
        Candidate other = message("x", "cy", null, "pdf?", 0.70);
        assertThat(off.roots(List.of(question, other, answer))).isEmpty();
        assertThat(ids(off.rank(null, List.of(question, other, answer)))).containsExactly("q", "x");
        assertThatThrownBy(() -> new AnswerRanker(0, true, 5, 0.05)).hasMessageContaining("max-sources");
    }
}
