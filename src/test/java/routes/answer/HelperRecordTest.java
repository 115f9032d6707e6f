package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.chroma.StoredRecords.StoredRecord;
import routes.schema.BotQuery;
import routes.schema.WireFormat;

/** Who answered whom, counted from stored records written by hand, and what the count does to a ranking. */
class HelperRecordTest {

    private final Map<String, StoredRecord> index = new LinkedHashMap<>();

    private void stored(String id, String guild, String author, String replyTo, String thread, String text) {
        ObjectNode metadata = WireFormat.mapper().createObjectNode().put("guild_id", guild).put("author_id", author);
        if (replyTo != null) {
            metadata.put("reply_to", replyTo);
        }
        if (thread != null) {
            metadata.put("thread_id", thread);
        }
        index.put(id, new StoredRecord(id, text, metadata));
    }

    private void helpChannel() {
        stored("q1", "g", "ana", null, null, "how do I persist an index?");
        stored("q2", "g", "ana", null, null, "why is my query slow?");
        stored("q3", "g", "cy", null, null, "which embedding model is the default?");
        stored("a1", "g", "bob", "q1", null, "storage_context.persist(), then load_index_from_storage");
        stored("a2", "g", "bob", "q2", null, "turn on streaming and lower similarity_top_k");
        stored("a3", "g", "bob", "q3", null, "text-embedding-ada-002 unless you pass another");
        // thanks are no answers, and neither is talking to oneself
        stored("t1", "g", "ana", "a1", null, "thanks!");
        stored("s1", "g", "bob", "a1", null, "and mind the persist_dir path, it is relative to where you run it");
        // a message in ana's thread answers her too
        stored("h1", "g", "dee", null, "q1", "you can also pass a vector store that persists by itself");
        // a reply to a message the index does not hold (deleted, forgotten): whose it was is unknown
        stored("o1", "g", "eve", "gone", null, "that was fixed in 0.4.2");
        // another guild counts apart
        stored("x1", "g2", "fay", null, null, "how do I deploy?");
        stored("x2", "g2", "gus", "x1", null, "docker compose up with the provided file");
    }

    @Test
    void countsMessagesThatAnswerAnotherMemberPerGuild() {
        helpChannel();
        // by hand: bob answered q1, q2, q3 (s1 continues his own a1); dee answered in ana's thread; ana's thanks and eve's reply
        // to an unknown message do not count; in g2 gus answered fay once
        assertThat(HelperRecord.count(index.values())).isEqualTo(Map.of("g", Map.of("bob", 3, "dee", 1), "g2", Map.of("gus", 1)));
    }

    @Test
    void theMostFrequentHelperFactorsOneAndOthersByTheLogOfTheirCount() {
        helpChannel();
        HelperRecord record = new HelperRecord();
        record.use(HelperRecord.count(index.values()));
        assertThat(record.factor("g", "bob")).isEqualTo(1.0, offset(1e-9));
        // ln(1 + 1) / ln(1 + 3) = ln 2 / ln 4 = 1/2
        assertThat(record.factor("g", "dee")).isEqualTo(0.5, offset(1e-9));
        assertThat(record.factor("g", "ana")).isZero();
        assertThat(record.factor("g2", "bob")).as("bob helps in g, not in g2").isZero();
        assertThat(record.factor("nowhere", "bob")).isZero();
        assertThat(new HelperRecord().factor("g", "bob")).as("before the first count").isZero();
    }

    @Test
    void aRegularHelpersMessageRisesAmongCloseOnesButNotOverAClearlyBetterOne() throws Exception {
        helpChannel();
        HelperRecord record = new HelperRecord();
        record.use(HelperRecord.count(index.values()));
        AnswerRanker ranker = new AnswerRanker(5, true, 0, 0.05).helpers(record, 0.05);
        BotQuery query = new BotQuery("q9", "m", "how do I save my index?", "zed", "9", "help", "2025-11-02T12:34:56Z", Map.of(), 1, "g",
                List.of("help"), null);
        Candidate byNewcomer = candidate("n", "hal", 0.72);
        Candidate byBob = candidate("b", "bob", 0.70);
        Candidate byDee = candidate("d", "dee", 0.70);
        Candidate clearlyBetter = candidate("c", "hal", 0.80);
        // by hand: bob 0.70 + 0.05 = 0.75 and dee 0.70 + 0.025 = 0.725 pass hal's 0.72; nobody passes 0.80
        List<Candidate> ranked = ranker.rank(null, List.of(clearlyBetter, byNewcomer, byBob, byDee), query);
        assertThat(ranked.stream().map(Candidate::messageId)).containsExactly("c", "b", "d", "n");
        assertThat(ranked.get(1).score()).isEqualTo(0.75, offset(1e-9));
        // switched off, the pool's order stands
        assertThat(new AnswerRanker(5, true, 0, 0.05).helpers(record, 0).rank(null, List.of(clearlyBetter, byNewcomer, byBob, byDee), query)
                .stream().map(Candidate::messageId)).containsExactly("c", "n", "b", "d");
    }

    private static Candidate candidate(String id, String authorId, double score) {
        return new Candidate(id, "help", "help", authorId, null, null, score, "text of " + id, null, score, authorId, null, null);
    }
}
