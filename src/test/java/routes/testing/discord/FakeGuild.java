package routes.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import routes.testing.discord.FakeDiscord.Thread;

/** What members and Discord itself do in the guild while the bot runs, each sent on the gateway as Discord sends it. */
public record FakeGuild(DiscordState state, DiscordJson json, FakeGateway gateway) {

    /** A member says something (MESSAGE_CREATE), replying to a message when replyToId is not null; returns its id. */
    public String sendMessage(String channelId, String authorId, String content, String replyToId) {
        String id = state.nextId();
        gateway.dispatch("MESSAGE_CREATE", json.message(id, channelId, authorId, content, replyToId, false));
        return id;
    }

    /**
     * A message said at the given time, before the bot was there or while it was away: in the
     * channel's history (GET /channels/{id}/messages), never dispatched. Its id holds its time.
     */
    public String historyMessage(String channelId, String authorId, String content, String replyToId, Instant at) {
        String id = state.idAt(at);
        json.message(id, channelId, authorId, content, replyToId, false);
        return id;
    }

    /**
     * A message the bot posted at a past time (an earlier run), with buttons: one action row of these custom ids,
     * as Discord keeps it. Returns its id, a snowflake of that time.
     */
    public String pastBotMessage(String channelId, String content, Instant at, String... buttonIds) {
        String id = historyMessage(channelId, FakeDiscord.BOT_ID, content, null, at);
        ArrayNode row = state.created.get(id).putArray("components").addObject().put("type", 1).putArray("components");
        for (String buttonId : buttonIds) {
            row.addObject().put("type", 2).put("style", 1).put("label", buttonId).put("custom_id", buttonId);
        }
        return id;
    }

    /** A member edits a message: MESSAGE_UPDATE with the whole message, as Discord sends it (what it replies to and its reactions kept). */
    public void editMessage(String channelId, String messageId, String authorId, String content) {
        ObjectNode before = state.created.get(messageId);
        String replyTo = before == null ? null : before.path("message_reference").path("message_id").asText(null);
        ObjectNode edited = json.message(messageId, channelId, authorId, content, replyTo, true);
        if (before != null && before.has("reactions")) {
            edited.set("reactions", before.get("reactions").deepCopy());
        }
        gateway.dispatch("MESSAGE_UPDATE", edited);
    }

    public void deleteMessage(String channelId, String messageId) {
        state.created.remove(messageId);
        gateway.dispatch("MESSAGE_DELETE", json.object().put("id", messageId).put("channel_id", channelId).put("guild_id", state.guildId));
    }

    public void bulkDelete(String channelId, List<String> messageIds) {
        ObjectNode data = json.object().put("channel_id", channelId).put("guild_id", state.guildId);
        ArrayNode ids = data.putArray("ids");
        messageIds.forEach(ids::add);
        messageIds.forEach(state.created::remove);
        gateway.dispatch("MESSAGE_DELETE_BULK", data);
    }

    /** Discord deleted a channel (CHANNEL_DELETE). */
    public void deleteChannel(String channelId) {
        state.created.values().removeIf(m -> channelId.equals(m.path("channel_id").asText()));
        gateway.dispatch("CHANNEL_DELETE", json.object().put("id", channelId).put("type", 0).put("guild_id", state.guildId)
                .put("name", "deleted").put("position", 0));
    }

    /** Discord deleted a thread (THREAD_DELETE). */
    public void deleteThread(String threadId, String parentId) {
        state.created.values().removeIf(m -> threadId.equals(m.path("channel_id").asText()));
        gateway.dispatch("THREAD_DELETE", json.object().put("id", threadId).put("type", 11).put("guild_id", state.guildId)
                .put("parent_id", parentId));
    }

    /**
     * A member opens a post in a forum, as Discord sends it: THREAD_CREATE (newly created, owned by them), then the starter
     * message inside the thread, under the thread's own id. Returns that id.
     */
    public String forumPost(String forumId, String authorId, String title, String content) {
        String id = state.nextId();
        Thread post = new Thread(id, title, forumId, null);
        state.postOwners.put(id, authorId);
        state.threads.add(post);
        gateway.dispatch("THREAD_CREATE", json.thread(post).put("newly_created", true));
        gateway.dispatch("MESSAGE_CREATE", json.message(id, id, authorId, content, null, false));
        return id;
    }

    /** The tags applied to a forum post so far (none when nobody tagged it). */
    public List<String> appliedTags(String postId) {
        return state.appliedTags.getOrDefault(postId, List.of());
    }

    /** Gives a member these roles from now on, as an admin would in Discord's settings. */
    public void setRoles(String memberId, Set<String> roles) {
        state.currentRoles.put(memberId, Set.copyOf(roles));
    }

    /** What the bot posts (a message, a webhook edit or follow-up) stays in the channel as a message of its own. */
    ObjectNode botSent(String channelId, JsonNode body) {
        String replyTo = body == null ? null : body.path("message_reference").path("message_id").asText(null);
        String content = body == null ? "" : body.path("content").asText("");
        ObjectNode sent = json.message(state.nextId(), channelId, FakeDiscord.BOT_ID, content, replyTo, false);
        sent.remove("member");
        // buttons stay on the message, where a member can press them
        if (body != null && body.path("components").isArray()) {
            sent.set("components", body.get("components").deepCopy());
        }
        return sent;
    }

    /** The bot reacts (✅ on a marked solution): the message carries it from now on, the bot's own (me). */
    void botReacted(String messageId, String emoji) {
        ObjectNode reacted = state.created.get(messageId);
        if (reacted != null) {
            ObjectNode reaction = reacted.putArray("reactions").addObject().put("count", 1).put("me", true).put("me_burst", false);
            reaction.putObject("count_details").put("burst", 0).put("normal", 1);
            reaction.putArray("burst_colors");
            reaction.putObject("emoji").putNull("id").put("name", emoji);
        }
    }
}
