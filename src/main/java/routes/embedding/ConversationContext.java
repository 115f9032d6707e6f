package routes.embedding;

import routes.privacy.OptOutList;
import routes.schema.DiscordMessage;

/**
 * Which message a message continues, and what text it is embedded with: its own, after (at most
 * {@link #CONTEXT_CHARS} of) its parent's. A forgotten member's words are no one else's context.
 * rtfm.retrieval.conversation-context=false: every message alone.
 */
public class ConversationContext {

    /** Enough of the parent to carry its topic without drowning the reply. */
    static final int CONTEXT_CHARS = 1000;

    private final boolean enabled;
    private final OptOutList optOuts;

    public ConversationContext(boolean enabled, OptOutList optOuts) {
        this.enabled = enabled;
        this.optOuts = optOuts;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The parent's text the record carries (clipped), unless it is off, absent, or the parent's author was forgotten. */
    String fromRecord(DiscordMessage message) {
        if (!enabled) {
            return null;
        }
        Object parentAuthor = message.metadata() == null ? null : message.metadata().get(DiscordMessage.REPLY_TO_AUTHOR);
        if (parentAuthor != null && optOuts.forgot(message.guildId(), parentAuthor.toString(), message.replyToMessageId())) {
            // a forgotten member's words stay out of other people's records (a stored parent of theirs is gone already)
            return null;
        }
        return carried(message);
    }

    /** The parent this message continues when context is on and its record does not carry the parent's text; else null. */
    String parentToFind(DiscordMessage message) {
        return enabled && fromRecord(message) == null ? parentOf(message) : null;
    }

    /** The text of the message a reply answers, when its record carries it (clipped), else null. */
    private static String carried(DiscordMessage message) {
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
        return text(message.content(), carried(message));
    }

    static String text(String content, String context) {
        return context == null ? content : context + "\n\n" + content;
    }

    static String clip(String text) {
        return text == null || text.length() <= CONTEXT_CHARS ? text : text.substring(0, CONTEXT_CHARS);
    }
}
