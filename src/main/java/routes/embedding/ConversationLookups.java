package routes.embedding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Variable;
import routes.chroma.ChromaRequests;
import routes.ingest.IngestBatch;
import routes.schema.DiscordMessage;

/**
 * What ingest-messages must read from Chroma to embed a batch in its conversations: the stored
 * parents its messages continue, and the stored replies of what it changed. Null: no read.
 */
public record ConversationLookups(ConversationContext context, ChromaRequests requests) {

    /**
     * A Chroma get of the stored texts of the parents the batch's messages continue (they reply to
     * them, or are in the threads they started), when neither the record nor the batch has them; else null.
     */
    public String parents(@Variable("batch") IngestBatch batch) {
        Set<String> wanted = new LinkedHashSet<>();
        for (DiscordMessage message : batch.stored()) {
            String parent = context.parentToFind(message);
            if (parent != null && !batch.decides(parent)) {
                wanted.add(parent);
            }
        }
        return wanted.isEmpty() ? null : requests.documents(wanted);
    }

    /** A Chroma get of the stored messages that continue what the batch wrote or removed; null when conversation context is off. */
    public String replies(@Variable("batch") IngestBatch batch) {
        List<String> changed = batch.changedIds();
        return context.enabled() && !changed.isEmpty() ? requests.replies(changed) : null;
    }
}
