package routes.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * A chat message as a gateway writes it to discord-messages, for tests: from ana (user 7) in
 * #general of the local guild, said now, unless a test says otherwise.
 */
public final class ChatMessage {

    private final String id;
    private final String content;
    private String username = "ana";
    private String userId = "7";
    private String guildId = "local";
    private String channelId = "general";
    private String channelName = "general";
    private String threadId;
    private String replyTo;
    private String event = DiscordMessage.CREATED;

    private ChatMessage(String id, String content) {
        this.id = id;
        this.content = content;
    }

    public static ChatMessage of(String id, String content) {
        return new ChatMessage(id, content);
    }

    public ChatMessage by(String name, String id) {
        this.username = name;
        this.userId = id;
        return this;
    }

    /** Said in this guild's channel (its id and name). */
    public ChatMessage in(String guild, String channel, String name) {
        this.guildId = guild;
        this.channelId = channel;
        this.channelName = name;
        return this;
    }

    /** Said in a thread (a forum post's, or one under the channel). */
    public ChatMessage inThread(String thread) {
        this.threadId = thread;
        return this;
    }

    public ChatMessage replyingTo(String messageId) {
        this.replyTo = messageId;
        return this;
    }

    public ChatMessage event(String kind) {
        this.event = kind;
        return this;
    }

    public DiscordMessage build() {
        return new DiscordMessage(id, content, username, userId, channelId, Instant.now().toString(), Map.of(), WireFormat.SCHEMA_VERSION,
                event, guildId, channelName, threadId, replyTo, false, List.of(), null, null, null);
    }
}
