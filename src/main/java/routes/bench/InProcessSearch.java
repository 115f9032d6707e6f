package routes.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import routes.chroma.ChromaCollection;
import routes.chroma.ChromaRequests;
import routes.embedding.MessageEmbedder;
import routes.schema.BotQuery;

/**
 * bench's in-process figures: a question embedded and searched for directly, with no Kafka, no route
 * and no HTTP API in between. unscoped: one embedding and one Chroma query for 10 results with no
 * filter (inprocess_p50_ms). scoped: the query the processor makes for a question asked in the bench's
 * guild, as its chromaRequests bean builds it: its candidates, filtered by the guild
 * (inprocess_scoped_p50_ms). Between them, what the filter that keeps a search within what the asker
 * may see costs.
 */
final class InProcessSearch {

    private static final int QUESTIONS = 50;

    private InProcessSearch() {
    }

    static long unscopedP50(List<String> questions, ChromaCollection chroma, MessageEmbedder embedder) {
        return p50(questions, chroma, embedder, (question, vector) -> "{\"query_embeddings\": [" + java.util.Arrays.toString(vector)
                + "], \"n_results\": 10, \"include\": [\"documents\", \"metadatas\", \"distances\"]}");
    }

    static long scopedP50(List<String> questions, ChromaCollection chroma, MessageEmbedder embedder, ChromaRequests requests,
                          String guildId) {
        return p50(questions, chroma, embedder, (question, vector) -> requests.query(new BotQuery("bench", null, question, "bench", "bench",
                "bench", null, null, null, guildId, null, null), vector));
    }

    private interface Body {
        String of(String question, float[] vector);
    }

    private static long p50(List<String> questions, ChromaCollection chroma, MessageEmbedder embedder, Body body) {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            String question = questions.get(i % questions.size());
            long started = System.nanoTime();
            chroma.post(chroma.recordsUrl() + "/query", body.of(question, embedder.embed(question)));
            took.add((System.nanoTime() - started) / 1_000_000);
        }
        Collections.sort(took);
        return Percentile.of(took, 50);
    }
}
