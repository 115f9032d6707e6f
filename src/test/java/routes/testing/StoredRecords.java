package routes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import routes.chroma.ChromaCollection;

/** What a Chroma collection holds under a message's id, read as a test checks it. */
public final class StoredRecords {

    private StoredRecords() {
    }

    /** Chroma's answer to a get of that id, with the document and its metadata; its ids are empty when nothing is stored. */
    public static JsonNode record(ChromaCollection chroma, String id) {
        return chroma.post(chroma.recordsUrl() + "/get", "{\"ids\": [\"" + id + "\"], \"include\": [\"documents\", \"metadatas\"]}");
    }

    public static boolean stored(ChromaCollection chroma, String id) {
        return record(chroma, id).path("ids").size() == 1;
    }

    public static JsonNode metadata(ChromaCollection chroma, String id) {
        return record(chroma, id).path("metadatas").path(0);
    }
}
