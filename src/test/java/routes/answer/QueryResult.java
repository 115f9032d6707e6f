package routes.answer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import routes.schema.WireFormat;

/** A Chroma query result (one query embedding) as the answer path reads it, built row by row. */
final class QueryResult {

    private final ObjectNode result = WireFormat.mapper().createObjectNode();
    private final ArrayNode ids = result.putArray("ids").addArray();
    private final ArrayNode documents = result.putArray("documents").addArray();
    private final ArrayNode metadatas = result.putArray("metadatas").addArray();
    private final ArrayNode distances = result.putArray("distances").addArray();

    /** Adds a stored message at this cosine distance from the question; returns its metadata, to fill. */
    ObjectNode add(String id, String document, double distance) {
        ids.add(id);
        documents.add(document);
        distances.add(distance);
        return metadatas.addObject();
    }

    String json() {
        return result.toString();
    }
}
