package routes.chroma;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import routes.schema.WireFormat;

/** Reads the answer of a Chroma v2 get ({"ids": [...], "documents": [...], "metadatas": [...]}): the records it holds. */
public final class StoredRecords {

    /** One stored message: its id, its text, and a copy of its metadata the caller may change. */
    public record StoredRecord(String id, String document, ObjectNode metadata) {
    }

    private StoredRecords() {
    }

    /** Every record of the answer, in its order; none for a null answer (no get was made). */
    public static List<StoredRecord> of(String getResult) throws JsonProcessingException {
        if (getResult == null) {
            return new ArrayList<>();
        }
        return of(WireFormat.mapper().readTree(getResult));
    }

    /** Every record of a parsed answer, in its order. */
    public static List<StoredRecord> of(JsonNode found) {
        List<StoredRecord> records = new ArrayList<>();
        for (int i = 0; i < found.path("ids").size(); i++) {
            JsonNode metadata = found.path("metadatas").path(i);
            records.add(new StoredRecord(found.path("ids").path(i).asText(), found.path("documents").path(i).asText(""),
                    metadata.isObject() ? ((ObjectNode) metadata).deepCopy() : WireFormat.mapper().createObjectNode()));
        }
        return records;
    }

    /** The texts of the answer's records by id, leaving out the empty ones. */
    public static Map<String, String> documentsById(String getResult) throws JsonProcessingException {
        Map<String, String> documents = new HashMap<>();
        for (StoredRecord record : of(getResult)) {
            if (!record.document().isBlank()) {
                documents.put(record.id(), record.document());
            }
        }
        return documents;
    }
}
