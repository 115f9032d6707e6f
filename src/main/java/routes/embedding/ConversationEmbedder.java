package routes.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Variable;
import routes.chroma.ChromaRequests;
import routes.ingest.Embedded;
import routes.ingest.IngestBatch;
import routes.privacy.OptOutList;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Embeds a message together with the message it continues. In a help channel the answer is
 * usually a reply ("yes, set max_tokens") whose words mean little alone; embedded with its
 * question it is found by the next person who asks the same thing. Only the vector changes: the
 * stored document stays the message itself, so citations quote exactly what was said.
 * This class builds the Chroma requests and reads their answers; ingest-messages makes the calls.
 */
public class ConversationEmbedder {

    /** Enough of the parent to carry its topic without drowning the reply. */
    static final int CONTEXT_CHARS = 1000;

    private final MessageEmbedder embedder;
    private final ChromaRequests requests;
    private final boolean enabled;
    private final OptOutList optOuts;

    public ConversationEmbedder(MessageEmbedder embedder, ChromaRequests requests, boolean enabled, OptOutList optOuts) {
        this.embedder = embedder;
        this.requests = requests;
        this.enabled = enabled;
        this.optOuts = optOuts;
    }

    /**
     * A Chroma get of the stored texts of the parents the batch's messages continue (they reply to
     * them, or are in the threads they started), when neither the record nor the batch has them; else null.
     */
    public String parentLookup(@Variable("batch") IngestBatch batch) {
        Set<String> wanted = new LinkedHashSet<>();
        for (DiscordMessage message : batch.stored()) {
            String parent = parentOf(message);
            if (enabled && parent != null && fromRecord(message) == null && !batch.decides(parent)) {
                wanted.add(parent);
            }
        }
        return wanted.isEmpty() ? null : requests.documents(wanted);
    }

    /**
     * Embeds the batch's messages in one model call, each with its parent's text: from the record,
     * else from the batch, else from the Chroma get of {@link #parentLookup} (none when the parent is
     * not stored yet). In the order of {@link IngestBatch#stored()}.
     */
    public List<Embedded> embed(@Variable("batch") IngestBatch batch, @Variable("parents") String parentLookupResult) throws JsonProcessingException {
        Map<String, String> storedParents = documentsById(parentLookupResult);
        List<String> contexts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (DiscordMessage message : batch.stored()) {
            // rtfm.retrieval.conversation-context=false: the message alone, whatever the record carries
            String context = enabled ? fromRecord(message) : null;
            String parent = parentOf(message);
            if (enabled && context == null && parent != null) {
                DiscordMessage inBatch = batch.storedMessage(parent);
                context = inBatch != null ? clip(inBatch.content()) : storedParents.get(parent);
            }
            contexts.add(context);
            texts.add(text(message.content(), context));
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

    /** A Chroma get of the stored messages that continue what the batch wrote or removed; null when conversation context is off. */
    public String repliesLookup(@Variable("batch") IngestBatch batch) {
        List<String> changed = batch.changedIds();
        return enabled && !changed.isEmpty() ? requests.replies(changed) : null;
    }

    /**
     * After messages are written, edited or deleted, the replies already stored under them are
     * re-embedded: a parent that arrives after its replies, or changes, changes what they mean.
     *
     * @param children the Chroma get of {@link #repliesLookup} (ingest-messages' variable replies), or null when there was none
     * @return one upsert of the re-embedded replies, or null when there are none
     */
    public String refreshedReplies(@Variable("replies") String children, @Variable("batch") IngestBatch batch) throws JsonProcessingException {
        if (children == null) {
            return null;
        }
        JsonNode found = WireFormat.mapper().readTree(children);
        JsonNode ids = found.path("ids");
        List<ObjectNode> metadatas = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        List<String> contexts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.path(i).asText();
            ObjectNode metadata = (ObjectNode) found.path("metadatas").path(i).deepCopy();
            String replyTo = metadata.path("reply_to").asText(null);
            // a thread message that replies to someone else takes its context from that reply
            String parent = replyTo != null ? replyTo : metadata.path("thread_id").asText(null);
            if (batch.decides(id) || parent == null || parent.equals(id) || !batch.changed(parent)) {
                continue;
            }
            DiscordMessage written = batch.storedMessage(parent);
            String document = found.path("documents").path(i).asText("");
            String context = written == null ? null : clip(written.content());
            kept.add(id);
            documents.add(document);
            metadatas.add(metadata);
            contexts.add(context);
            texts.add(text(document, context));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<ChromaRequests.Replacement> replacements = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            replacements.add(new ChromaRequests.Replacement(kept.get(i), documents.get(i), metadatas.get(i), vectors.get(i), contexts.get(i)));
        }
        return replacements.isEmpty() ? null : requests.replace(replacements);
    }

    private static Map<String, String> documentsById(String getResult) throws JsonProcessingException {
        Map<String, String> documents = new HashMap<>();
        if (getResult != null) {
            JsonNode found = WireFormat.mapper().readTree(getResult);
            for (int i = 0; i < found.path("ids").size(); i++) {
                JsonNode document = found.path("documents").path(i);
                if (document.isTextual() && !document.asText().isBlank()) {
                    documents.put(found.path("ids").path(i).asText(), clip(document.asText()));
                }
            }
        }
        return documents;
    }

    private String fromRecord(DiscordMessage message) {
        Object parentAuthor = message.metadata() == null ? null : message.metadata().get(DiscordMessage.REPLY_TO_AUTHOR);
        if (parentAuthor != null && optOuts.forgot(message.guildId(), parentAuthor.toString(), message.replyToMessageId())) {
            // a forgotten member's words stay out of other people's records (a stored parent of theirs is gone already)
            return null;
        }
        return carriedContext(message);
    }

    /** The text of the message a reply answers, when its record carries it (clipped), else null. */
    private static String carriedContext(DiscordMessage message) {
        return message.replyToMessageId() != null && message.replyToContent() != null && !message.replyToContent().isBlank()
                ? clip(message.replyToContent()) : null;
    }

    /** The message this one continues: what it replies to, else the thread's starter. */
    static String parentOf(DiscordMessage message) {
        if (message.replyToMessageId() != null) {
            return message.replyToMessageId();
        }
        String thread = message.threadId();
        return thread != null && !thread.equals(message.messageId()) ? thread : null;
    }

    /** What ingest embeds for a record that carries its context (the text it replies to): for the bench's ceiling. */
    public static String textOf(DiscordMessage message) {
        return text(message.content(), carriedContext(message));
    }

    static String text(String content, String context) {
        return context == null ? content : context + "\n\n" + content;
    }

    private static String clip(String text) {
        return text.length() <= CONTEXT_CHARS ? text : text.substring(0, CONTEXT_CHARS);
    }
}
