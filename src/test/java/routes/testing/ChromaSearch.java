package routes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import routes.chroma.ChromaCollection;

/**
 * Whether a stored record is found by a vector query yet, not only by id: right after a batch upsert
 * Chroma can answer a query with a 500 for a moment (the app retries it; a test that asks at once
 * should first wait for this).
 */
public final class ChromaSearch {

    private ChromaSearch() {
    }

    public static boolean findable(ChromaCollection chroma, String id) {
        try {
            JsonNode record = chroma.post(chroma.recordsUrl() + "/get", "{\"ids\": [\"" + id + "\"], \"include\": [\"embeddings\"]}");
            JsonNode embedding = record.path("embeddings").path(0);
            if (!embedding.isArray()) {
                return false;
            }
            JsonNode found = chroma.post(chroma.recordsUrl() + "/query", "{\"query_embeddings\": [" + embedding + "], \"n_results\": 1}");
            return id.equals(found.path("ids").path(0).path(0).asText(""));
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
