package routes.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Variable;
import routes.chroma.ChromaRequests;
import routes.chroma.StoredRecords;
import routes.chroma.StoredRecords.StoredRecord;
import routes.ingest.Embedded;
import routes.ingest.IngestBatch;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;

/**
 * Embeds a message together with the message it continues (ConversationContext). In a help channel
 * the answer is usually a reply ("yes, set max_tokens") whose words mean little alone; embedded with
 * its question it is found by the next person who asks the same thing. Only the vector changes: the
 * stored document stays the message itself, so citations quote exactly what was said. What Chroma is
 * asked for first is ConversationLookups'; ingest-messages makes the calls and names their answers.
 */
public record ConversationEmbedder(MessageEmbedder embedder, ChromaRequests requests, ConversationContext context) {

    /**
     * Embeds the batch's messages in one model call, each with its parent's text: from the record,
     * else from the batch, else from the Chroma get of {@link ConversationLookups#parents} (none when the
     * parent is not stored yet). In the order of {@link IngestBatch#stored()}.
     */
    public List<Embedded> embed(@Variable("batch") IngestBatch batch, @Variable("parents") String parentLookupResult) throws JsonProcessingException {
        Map<String, String> storedParents = StoredRecords.documentsById(parentLookupResult);
        List<String> contexts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (DiscordMessage message : batch.stored()) {
            String parentText = context.fromRecord(message);
            String parent = context.parentToFind(message);
            if (parent != null) {
                DiscordMessage inBatch = batch.storedMessage(parent);
                parentText = ConversationContext.clip(inBatch != null ? inBatch.content() : storedParents.get(parent));
            }
            contexts.add(parentText);
            texts.add(ConversationContext.text(message.content(), parentText));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<Embedded> embedded = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            embedded.add(new Embedded(vectors.get(i), contexts.get(i)));
        }
        return embedded;
    }

    public float[] embedQuestion(@Variable("query") BotQuery query) {
        return embedder.embed(query.question());
    }

    /**
     * After messages are written, edited or deleted, the replies already stored under them are
     * re-embedded: a parent that arrives after its replies, or changes, changes what they mean.
     *
     * @param children the Chroma get of {@link ConversationLookups#replies} (ingest-messages' variable replies), or null when there was none
     * @return one upsert of the re-embedded replies, or null when there are none
     */
    public String refreshedReplies(@Variable("replies") String children, @Variable("batch") IngestBatch batch) throws JsonProcessingException {
        List<StoredRecord> kept = new ArrayList<>();
        List<String> contexts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (StoredRecord reply : StoredRecords.of(children)) {
            String replyTo = reply.metadata().path("reply_to").asText(null);
            // a thread message that replies to someone else takes its context from that reply
            String parent = replyTo != null ? replyTo : reply.metadata().path("thread_id").asText(null);
            if (batch.decides(reply.id()) || parent == null || parent.equals(reply.id()) || !batch.changed(parent)) {
                continue;
            }
            DiscordMessage written = batch.storedMessage(parent);
            String parentText = written == null ? null : ConversationContext.clip(written.content());
            kept.add(reply);
            contexts.add(parentText);
            texts.add(ConversationContext.text(reply.document(), parentText));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<ChromaRequests.Replacement> replacements = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            StoredRecord reply = kept.get(i);
            replacements.add(new ChromaRequests.Replacement(reply.id(), reply.document(), reply.metadata(), vectors.get(i), contexts.get(i)));
        }
        return replacements.isEmpty() ? null : requests.replace(replacements);
    }
}
