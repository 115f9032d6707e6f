package routes.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Variable;
import routes.chroma.ChromaRequests;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/** The Chroma requests that write one ingest batch: the upsert of what it stores and the delete of what it removes. */
public class BatchRequests {

    /** One upsert of a batch's messages with their vectors and parent context (null when the batch stores none). */
    public String upsert(@Variable("batch") IngestBatch batch, @Variable("embedded") List<Embedded> embedded) {
        if (batch.stored().isEmpty()) {
            return null;
        }
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        ArrayNode embeddings = body.putArray("embeddings");
        ArrayNode documents = body.putArray("documents");
        ArrayNode metadatas = body.putArray("metadatas");
        for (int i = 0; i < batch.stored().size(); i++) {
            DiscordMessage message = batch.stored().get(i);
            ids.add(message.messageId());
            ChromaRequests.vectorArray(embeddings.addArray(), embedded.get(i).vector());
            documents.add(message.content());
            metadatas.add(ChromaRequests.metadata(message, embedded.get(i).context()));
        }
        return body.toString();
    }

    /** One delete of the messages a batch removes (null when it removes none). */
    public String delete(@Variable("batch") IngestBatch batch) {
        if (batch.deletions().isEmpty()) {
            return null;
        }
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        batch.deletions().forEach(message -> ids.add(message.messageId()));
        return body.toString();
    }
}
