package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;

class CandidateSelectorTest {

    /** A Chroma query result: one row per (id, text, distance). */
    static String chromaResult(Object[]... rows) {
        QueryResult result = new QueryResult();
        for (Object[] row : rows) {
            ObjectNode metadata = result.add((String) row[0], (String) row[1], (Double) row[2])
                    .put("channel_id", "c1").put("guild_id", "g1").put("author_name", "ana");
            if (row.length > 3) {
                metadata.put("reply_to_text", (String) row[3]);
            }
        }
        return result.json();
    }

    private static BotQuery question(String text) {
        return new BotQuery("q", "m", text, "u", "1", "c1", "2025-11-02T12:34:56Z", Map.of(), 1, "g1", null, null);
    }

    @Test
    void matchesBelowTheMinimumSimilarityAreDroppedAndTheRestRankedBestFirst() throws Exception {
        String result = chromaResult(new Object[] {"1", "deploys run at 5pm", 0.2}, new Object[] {"2", "unrelated", 0.9},
                new Object[] {"3", "deploy window is friday", 0.4});
        List<Candidate> selected = new CandidateSelector(0.3, 0).select(result, question("when do deploys run?"));
        // cosine space: similarity = 1 - distance
        assertThat(selected).extracting(Candidate::messageId).containsExactly("1", "3");
        assertThat(selected.get(0).similarity()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(selected.get(0).jumpUrl()).isEqualTo("https://discord.com/channels/g1/c1/1");
    }

    @Test
    void aProactiveQuestionIsNotItsOwnSourceButAnotherQuestionMayNameAStoredMessage() throws Exception {
        // the member's message "m" is indexed like any other; asked on their behalf, it must not answer itself
        String result = chromaResult(new Object[] {"m", "how do I persist an index?", 0.0}, new Object[] {"5", "call persist()", 0.3});
        BotQuery proactive = new BotQuery("q", "m", "how do I persist an index?", "u", "1", "c1", "2025-11-02T12:34:56Z",
                Map.of(BotQuery.TRIGGER, BotQuery.PROACTIVE), 1, "g1", null, null);
        assertThat(new CandidateSelector(0.3, 0).select(result, proactive)).extracting(Candidate::messageId).containsExactly("5");
        // the Python system's queries may carry a stored message's id as their original: nothing is left out
        assertThat(new CandidateSelector(0.3, 0).select(result, question("how do I persist an index?")))
                .extracting(Candidate::messageId).containsExactly("m", "5");
    }

    @Test
    void anExactTermLiftsAMessageAboveAVaguerButCloserOne() throws Exception {
        String result = chromaResult(new Object[] {"vague", "you can tune how many results come back", 0.30},
                new Object[] {"exact", "set similarity_top_k on the retriever", 0.34});
        CandidateSelector denseOnly = new CandidateSelector(0.3, 0);
        CandidateSelector hybrid = new CandidateSelector(0.3, 0.2);
        BotQuery query = question("how do I change similarity_top_k?");
        assertThat(denseOnly.select(result, query)).extracting(Candidate::messageId).containsExactly("vague", "exact");
        assertThat(hybrid.select(result, query)).extracting(Candidate::messageId).containsExactly("exact", "vague");
    }

    @Test
    void theParentTextCountsForTheLexicalScore() throws Exception {
        String result = chromaResult(new Object[] {"reply", "yes, that works", 0.30, "does pinecone support metadata filters?"},
                new Object[] {"other", "filters are in the docs", 0.29});
        List<Candidate> ranked = new CandidateSelector(0.3, 0.2).select(result, question("pinecone metadata filters"));
        assertThat(ranked.get(0).messageId()).isEqualTo("reply");
        assertThat(ranked.get(0).context()).contains("pinecone");
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new CandidateSelector(2, 0)).hasMessageContaining("min-similarity");
        assertThatThrownBy(() -> new CandidateSelector(0.3, -1)).hasMessageContaining("lexical-weight");
    }

    @Test
    void bm25PrefersTheTextWithTheRareQueryTerm() {
        // "index" is in two of the texts, "pinecone" in one: the rarer term weighs more
        double[] scores = Bm25.scores("pinecone index", List.of("set the index name", "pinecone needs a key",
                "the index is rebuilt nightly", "nothing relevant here"));
        assertThat(scores[1]).isGreaterThan(scores[0]);
        assertThat(scores[3]).isZero();
    }
}
