package routes.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import routes.chroma.ChromaRequests;
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
     * A Chroma get of the parent's stored text, when the message continues another (it replies to
     * it, or is in the thread it started) and the record does not carry the parent's text; else null.
     */
    public String parentLookup(@Variable("message") DiscordMessage message) {
        String parent = parentOf(message);
        return enabled && parent != null && fromRecord(message) == null ? requests.document(parent) : null;
    }

    /**
     * Embeds the message with its parent's text: from the record, else from the Chroma get of
     * {@link #parentLookup} (null when there was none, or the parent is not stored yet).
     */
    public Embedded embed(@Variable("message") DiscordMessage message, @Body String parentLookupResult)
            throws JsonProcessingException {
        // rtfm.retrieval.conversation-context=false: the message alone, whatever the record carries
        String context = enabled ? fromRecord(message) : null;
        if (context == null && parentLookupResult != null) {
            JsonNode document = WireFormat.mapper().readTree(parentLookupResult).path("documents").path(0);
            context = document.isTextual() && !document.asText().isBlank() ? clip(document.asText()) : null;
        }
        return new Embedded(embedder.embed(text(message.content(), context)), context);
    }

    public float[] embedQuestion(@Variable("query") BotQuery query) {
        return embedder.embed(query.question());
    }

    /** A Chroma get of the stored messages that continue this one; null when conversation context is off. */
    public String repliesLookup(@Variable("message") DiscordMessage parent) {
        return enabled ? requests.replies(parent) : null;
    }

    /**
     * After a message is written, edited or deleted, the replies already stored under it are
     * re-embedded: a parent that arrives after its replies, or changes, changes what they mean.
     *
     * @param children the Chroma get of {@link #repliesLookup}, or null when there was none
     * @return one upsert of the re-embedded replies, or null when there are none
     */
    public String refreshedReplies(@Body String children, @Variable("message") DiscordMessage parent)
            throws JsonProcessingException {
        if (children == null) {
            return null;
        }
        JsonNode found = WireFormat.mapper().readTree(children);
        JsonNode ids = found.path("ids");
        String context = parent.isDeletion() || !parent.hasText() ? null : clip(parent.content());
        List<ChromaRequests.Replacement> replacements = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String document = found.path("documents").path(i).asText("");
            ObjectNode metadata = (ObjectNode) found.path("metadatas").path(i).deepCopy();
            String replyTo = metadata.path("reply_to").asText(null);
            if (ids.path(i).asText().equals(parent.messageId()) || (replyTo != null && !replyTo.equals(parent.messageId()))) {
                // a thread message that replies to someone else takes its context from that reply
                continue;
            }
            replacements.add(new ChromaRequests.Replacement(ids.path(i).asText(), document, metadata,
                    embedder.embed(text(document, context)), context));
        }
        return replacements.isEmpty() ? null : requests.replace(replacements);
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
