package routes.testing.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import routes.testing.discord.FakeDiscord.Member;
import routes.testing.discord.FakeDiscord.Thread;

/**
 * Discord's objects as its API v10 sends them: users, members, threads and messages (a new message is
 * remembered too).
 */
final class DiscordJson {

    private static final Pattern MENTION = Pattern.compile("<@!?(\\d+)>");

    final ObjectMapper json = new ObjectMapper();
    private final DiscordState state;

    DiscordJson(DiscordState state) {
        this.state = state;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** Discord's error body: a message and its JSON error code. */
    ObjectNode error(String message, int code) {
        return object().put("message", message).put("code", code);
    }

    ObjectNode user(String id, String name, boolean bot) {
        ObjectNode user = object();
        user.put("id", id);
        user.put("username", name);
        user.put("global_name", name);
        user.put("discriminator", "0");
        user.putNull("avatar");
        user.put("bot", bot);
        user.put("flags", 0);
        return user;
    }

    /** A guild member, with the roles they hold now. */
    ObjectNode member(String id) {
        Member who = state.author(id);
        ObjectNode member = object();
        member.set("user", user(id, who.name(), who.bot()));
        ArrayNode roles = member.putArray("roles");
        state.rolesOf(id).forEach(roles::add);
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        return member;
    }

    ObjectNode thread(Thread thread) {
        ObjectNode t = object();
        t.put("id", thread.id());
        t.put("type", thread.isPrivate() ? 12 : 11);
        t.put("name", thread.name());
        t.put("parent_id", thread.parentId());
        t.put("guild_id", state.guildId);
        t.put("owner_id", state.ownerOf(thread.id()));
        if (state.forums.contains(thread.parentId())) {
            ArrayNode tags = t.putArray("applied_tags");
            state.appliedTags.getOrDefault(thread.id(), java.util.List.of()).forEach(tags::add);
        }
        t.put("member_count", 1);
        t.put("message_count", 0);
        t.put("rate_limit_per_user", 0);
        t.put("flags", 0);
        Instant archivedAt = thread.archived() ? DiscordState.ARCHIVED_AT : Instant.now();
        t.putObject("thread_metadata").put("archived", thread.archived()).put("locked", false).put("invitable", false)
                .put("auto_archive_duration", 1440).put("archive_timestamp", archivedAt.toString())
                .put("create_timestamp", Instant.now().toString());
        return t;
    }

    /** A message as MESSAGE_CREATE, MESSAGE_UPDATE and history pages carry it; remembered under its id. */
    ObjectNode message(String id, String channelId, String authorId, String content, String replyToId, boolean edited) {
        Member author = state.author(authorId);
        ObjectNode message = object();
        message.put("id", id);
        message.put("channel_id", channelId);
        message.put("guild_id", state.guildId);
        message.set("author", user(author.id(), author.name(), author.bot()));
        ObjectNode member = message.putObject("member");
        ArrayNode roles = member.putArray("roles");
        author.roles().forEach(roles::add);
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        message.put("content", content);
        // a snowflake holds its time: history messages are as old as their ids say
        message.put("timestamp", DiscordState.timeOf(id).toString());
        if (edited) {
            message.put("edited_timestamp", Instant.now().toString());
        } else {
            message.putNull("edited_timestamp");
        }
        message.put("tts", false);
        message.put("mention_everyone", false);
        // as Discord does: a user object for each member the text mentions (<@id> or <@!id>)
        ArrayNode mentions = message.putArray("mentions");
        Matcher mentioned = MENTION.matcher(content);
        while (mentioned.find()) {
            String userId = mentioned.group(1);
            if (userId.equals(FakeDiscord.BOT_ID)) {
                mentions.add(user(FakeDiscord.BOT_ID, "rtfm", true));
            }
            state.member(userId).ifPresent(m -> mentions.add(user(m.id(), m.name(), m.bot())));
        }
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.put("pinned", false);
        message.put("type", replyToId == null ? 0 : 19);
        message.put("flags", 0);
        if (replyToId != null) {
            message.putObject("message_reference").put("type", 0).put("message_id", replyToId).put("channel_id", channelId)
                    .put("guild_id", state.guildId);
            // Discord sends the message replied to along with a reply
            ObjectNode referenced = state.created.get(replyToId);
            if (referenced != null) {
                message.set("referenced_message", referenced.deepCopy());
            }
        }
        state.created.put(id, message);
        return message;
    }
}
