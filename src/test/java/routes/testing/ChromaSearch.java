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
        return findable(chroma, id, null);
    }

    /**
     * The same under a where filter (JSON, or null for none), as the answer path queries: a guild's
     * filtered search goes through Chroma's metadata segment as well as its vector index.
     */
    public static boolean findable(ChromaCollection chroma, String id, String where) {
        try {
            JsonNode record = chroma.post(chroma.recordsUrl() + "/get", "{\"ids\": [\"" + id + "\"], \"include\": [\"embeddings\"]}");
            JsonNode embedding = record.path("embeddings").path(0);
            if (!embedding.isArray()) {
                return false;
            }
            String filter = where == null ? "" : ", \"where\": " + where;
            JsonNode found = chroma.post(chroma.recordsUrl() + "/query",
                    "{\"query_embeddings\": [" + embedding + "], \"n_results\": 1" + filter + "}");
            return id.equals(found.path("ids").path(0).path(0).asText(""));
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** What a failed search assertion should show: how many records Chroma holds, and whether this one is found. */
    public static String describe(ChromaCollection chroma, String id, String where) {
        try {
            return "Chroma holds " + chroma.count() + " records; " + id + (findable(chroma, id, where) ? " is" : " is not")
                    + " found by a vector query" + (where == null ? "" : " under " + where);
        } catch (RuntimeException e) {
            return "Chroma could not be asked: " + e.getMessage();
        }
    }
}
