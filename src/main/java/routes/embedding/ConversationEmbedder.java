package routes.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import routes.chroma.ChromaCollection;
import routes.chroma.ChromaRequests;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Embeds a message together with the message it replies to. In a help channel the answer is
 * usually a reply ("yes, set max_tokens") whose words mean little alone; embedded with its
 * question it is found by the next person who asks the same thing. Only the vector changes: the
 * stored document stays the message itself, so citations quote exactly what was said.
 */
public class ConversationEmbedder {

    /** Enough of the parent to carry its topic without drowning the reply. */
    static final int CONTEXT_CHARS = 1000;

    private final MessageEmbedder embedder;
    private final ChromaCollection collection;
    private final ChromaRequests requests;
    private final boolean enabled;

    public ConversationEmbedder(MessageEmbedder embedder, ChromaCollection collection, ChromaRequests requests, boolean enabled) {
        this.embedder = embedder;
        this.collection = collection;
        this.requests = requests;
        this.enabled = enabled;
    }

    /**
     * The text of the message this one continues: the one it replies to, else its thread's starter
     * (a Discord thread started from a message has that message's id). From the record when the
     * gateway sent it, else from the store.
     */
    public String contextOf(@Body DiscordMessage message) {
        String parentId = parentOf(message);
        if (!enabled || parentId == null) {
            return null;
        }
        if (message.replyToMessageId() != null && message.replyToContent() != null && !message.replyToContent().isBlank()) {
            return clip(message.replyToContent());
        }
        ObjectNode get = WireFormat.mapper().createObjectNode();
        get.putArray("ids").add(parentId);
        get.putArray("include").add("documents");
        JsonNode found = collection.post(collection.recordsUrl() + "/get", get.toString());
        JsonNode document = found.path("documents").path(0);
        return document.isTextual() && !document.asText().isBlank() ? clip(document.asText()) : null;
    }

    public float[] embedInContext(@Body DiscordMessage message, @ExchangeProperty("context") String context) {
        return embedder.embed(text(message.content(), context));
    }

    public float[] embedQuestion(@Body BotQuery query) {
        return embedder.embedQuery(query);
    }

    /**
     * After a message is written, edited or deleted, re-embeds the replies already stored under
     * it: a parent that arrives after its replies, or changes, changes what they mean.
     */
    public int refreshChildren(@ExchangeProperty("message") DiscordMessage parent) {
        if (!enabled) {
            return 0;
        }
        ObjectNode get = WireFormat.mapper().createObjectNode();
        ArrayNode either = get.putObject("where").putArray("$or");
        either.addObject().putObject("reply_to").put("$eq", parent.messageId());
        either.addObject().putObject("thread_id").put("$eq", parent.messageId());
        get.putArray("include").add("documents").add("metadatas");
        JsonNode children = collection.post(collection.recordsUrl() + "/get", get.toString());
        JsonNode ids = children.path("ids");
        String context = parent.isDeletion() || !parent.hasText() ? null : clip(parent.content());
        int refreshed = 0;
        for (int i = 0; i < ids.size(); i++) {
            String document = children.path("documents").path(i).asText("");
            ObjectNode metadata = (ObjectNode) children.path("metadatas").path(i).deepCopy();
            String replyTo = metadata.path("reply_to").asText(null);
            if (ids.path(i).asText().equals(parent.messageId()) || (replyTo != null && !replyTo.equals(parent.messageId()))) {
                // a thread message that replies to someone else takes its context from that reply
                continue;
            }
            refreshed++;
            float[] vector = embedder.embed(text(document, context));
            collection.post(collection.recordsUrl() + "/upsert", requests.reupsert(ids.path(i).asText(), document, metadata, vector, context));
        }
        return refreshed;
    }

    /** The message this one continues: what it replies to, else the thread's starter. */
    static String parentOf(DiscordMessage message) {
        if (message.replyToMessageId() != null) {
            return message.replyToMessageId();
        }
        String thread = message.threadId();
        return thread != null && !thread.equals(message.messageId()) ? thread : null;
    }

    static String text(String content, String context) {
        return context == null ? content : context + "\n\n" + content;
    }

    private static String clip(String text) {
        return text.length() <= CONTEXT_CHARS ? text : text.substring(0, CONTEXT_CHARS);
    }
}
