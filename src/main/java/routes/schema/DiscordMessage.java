package routes.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * A chat message as it travels on the discord-messages topic. The first seven fields are the
 * Python system's record; the rest are optional so its records still parse. {@code replyToContent}
 * is the text of the message this one replies to, when the gateway has it: the reply is embedded
 * together with it, because "yes, set max_tokens" means little without its question.
 * {@code addressesBot} is the gateway's word that the message asks the bot (its trigger, an
 * @mention, a reply to one of its answers): a question, never knowledge. Without it, the
 * trigger word decides. {@code source} says where the record came from: {@code live} (a gateway; the
 * default), {@code backfill} (read from Discord's history) or {@code import} (an export file).
 * History is knowledge, never a question, even an old "RTFM ...".
 */
public record DiscordMessage(
        String messageId,
        String content,
        String username,
        String userId,
        String channelId,
        String timestamp,
        Map<String, Object> metadata,
        Integer schemaVersion,
        String event,
        String guildId,
        String channelName,
        String threadId,
        String replyToMessageId,
        Boolean authorIsBot,
        List<Attachment> attachments,
        String jumpUrl,
        String replyToContent,
        Boolean addressesBot,
        String source) {

    /**
     * Metadata keys of a message a member marked as the solution of a question ("Mark as solution"): true, and the id of
     * the message it solves. Stored with it in Chroma; the ranking gives it a small boost.
     */
    public static final String SOLUTION = "solution";
    public static final String SOLVES = "solves";
    /** Metadata key marking a forum post's starter message: in a forum every new post is a question. */
    public static final String FORUM_POST = "forum_post";
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
    public static final String LIVE = "live";
    public static final String BACKFILL = "backfill";
    public static final String IMPORT = "import";
    /** Metadata key: a thread message's parent channel, so removing a channel also removes its threads. */
    public static final String PARENT_CHANNEL = "parent_channel_id";
    /** Metadata key: the author of the message replied to, so a forgotten member's words are not taken as a reply's context. */
    public static final String REPLY_TO_AUTHOR = "reply_to_author_id";
    /** Metadata key: the ids of the members the message @mentions (a list), so an answer that names its asker is linked to the question. */
    public static final String MENTIONS = "mentioned_user_ids";

    public record Attachment(String id, String filename, String url, String contentType) {
    }

    /** A message as a gateway sees it (source live). */
    public DiscordMessage(String messageId, String content, String username, String userId, String channelId, String timestamp,
                          Map<String, Object> metadata, Integer schemaVersion, String event, String guildId, String channelName,
                          String threadId, String replyToMessageId, Boolean authorIsBot, List<Attachment> attachments, String jumpUrl,
                          String replyToContent, Boolean addressesBot) {
        this(messageId, content, username, userId, channelId, timestamp, metadata, schemaVersion, event, guildId, channelName, threadId,
                replyToMessageId, authorIsBot, attachments, jumpUrl, replyToContent, addressesBot, null);
    }

    /** The record that takes a message out of the index, knowing only its id. */
    public static DiscordMessage deletionOf(String messageId) {
        return new DiscordMessage(messageId, "", "", "0", "", java.time.Instant.now().toString(), Map.of(), WireFormat.SCHEMA_VERSION,
                DELETED, null, null, null, null, null, List.of(), null, null, null);
    }

    /** Read from Discord's history or an export rather than said just now: knowledge, never a question. */
    @JsonIgnore
    public boolean isHistory() {
        return source != null && !LIVE.equals(source);
    }

    public DiscordMessage withSource(String from) {
        return new DiscordMessage(messageId, content, username, userId, channelId, timestamp, metadata, schemaVersion, event, guildId,
                channelName, threadId, replyToMessageId, authorIsBot, attachments, jumpUrl, replyToContent, addressesBot, from);
    }

    /** The Python bot sent no event: every record it produced was a new message. */
    public String eventOrDefault() {
        return event == null ? CREATED : event;
    }

    @JsonIgnore
    public boolean isDeletion() {
        return DELETED.equals(eventOrDefault());
    }

    public boolean hasText() {
        return content != null && !content.isBlank();
    }

    /** The Python bot kept the channel name in metadata; newer records carry it as a field. */
    public String channelNameOrMetadata() {
        if (channelName != null) {
            return channelName;
        }
        Object fromMetadata = metadata == null ? null : metadata.get("channel_name");
        return fromMetadata == null ? null : fromMetadata.toString();
    }
}
