package routes.testing.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import routes.testing.discord.FakeDiscord.Channel;

/**
 * What the gateway sends after IDENTIFY: READY, then the guild whole in GUILD_CREATE (roles, channels and
 * their overwrites, members, threads).
 */
final class GuildCreate {

    private final DiscordState state;
    private final DiscordJson json;

    GuildCreate(DiscordState state, DiscordJson json) {
        this.state = state;
        this.json = json;
    }

    ObjectNode ready(String gatewayUrl) {
        ObjectNode ready = json.object();
        ready.put("v", 10);
        ready.set("user", json.user(FakeDiscord.BOT_ID, "rtfm", true));
        ready.putArray("guilds").addObject().put("id", state.guildId).put("unavailable", true);
        ready.put("session_id", "fake-session");
        ready.put("resume_gateway_url", gatewayUrl);
        ready.putObject("application").put("id", FakeDiscord.BOT_ID).put("flags", 0);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        return ready;
    }

    ObjectNode guild() {
        ObjectNode guild = json.object();
        guild.put("id", state.guildId);
        guild.put("name", "Fake Guild");
        guild.put("owner_id", state.members.get(0).id());
        guild.put("unavailable", false);
        guild.put("member_count", state.members.size() + 1);
        guild.put("large", false);
        guild.put("afk_timeout", 300);
        guild.put("joined_at", Instant.now().toString());
        roles(guild.putArray("roles"));
        channels(guild.putArray("channels"));
        ArrayNode memberArray = guild.putArray("members");
        memberArray.add(json.member(FakeDiscord.BOT_ID));
        state.members.forEach(m -> memberArray.add(json.member(m.id())));
        ArrayNode threadArray = guild.putArray("threads");
        state.threads.stream().filter(t -> !t.archived()).forEach(t -> threadArray.add(json.thread(t)));
        for (String empty : List.of("emojis", "stickers", "voice_states", "presences", "features", "guild_scheduled_events",
                "stage_instances", "soundboard_sounds")) {
            guild.putArray(empty);
        }
        return guild;
    }

    private void roles(ArrayNode roles) {
        role(roles, state.guildId, "@everyone", Permissions.EVERYONE, 0);
        SortedSet<String> roleIds = new TreeSet<>();
        state.members.forEach(m -> roleIds.addAll(m.roles()));
        state.channels.stream().filter(c -> c.onlyRoles() != null).forEach(c -> roleIds.addAll(c.onlyRoles()));
        int position = 1;
        for (String roleId : roleIds) {
            // a role grants nothing by itself: channels open to it say so in a role overwrite
            role(roles, roleId, "role-" + roleId, state.managerRoles.contains(roleId) ? Permissions.MANAGE_GUILD : 0, position++);
        }
    }

    private static void role(ArrayNode roles, String id, String name, long permissions, int position) {
        ObjectNode role = roles.addObject().put("id", id).put("name", name).put("permissions", Long.toString(permissions))
                .put("position", position).put("color", 0).put("hoist", false).put("managed", false).put("mentionable", false)
                .put("flags", 0);
        role.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
    }

    private void channels(ArrayNode channels) {
        int position = 0;
        for (Channel channel : state.channels) {
            ObjectNode c = channels.addObject();
            c.put("id", channel.id());
            boolean forum = state.forums.contains(channel.id());
            c.put("type", forum ? 15 : 0);
            if (forum) {
                c.putArray("available_tags").addObject().put("id", FakeDiscord.solvedTagId(channel.id())).put("name", "Solved")
                        .put("moderated", false).putNull("emoji_id").putNull("emoji_name");
                c.put("default_forum_layout", 0).put("flags", 0).put("default_thread_rate_limit_per_user", 0);
                c.putNull("default_reaction_emoji");
                c.putNull("default_sort_order");
                c.putNull("topic");
            }
            c.put("name", channel.name());
            c.put("position", position++);
            c.put("guild_id", state.guildId);
            c.put("nsfw", false);
            overwrites(channel, c.putArray("permission_overwrites"));
        }
    }

    private void overwrites(Channel channel, ArrayNode overwrites) {
        if (state.threadManagerIn.contains(channel.id())) {
            overwrite(overwrites, FakeDiscord.BOT_ID, 1, Permissions.MANAGE_THREADS, 0);
        }
        if (channel.isPrivate()) {
            long reader = Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY;
            overwrite(overwrites, state.guildId, 0, 0, Permissions.VIEW_CHANNEL);
            for (String role : channel.onlyRoles() == null ? Set.<String>of() : channel.onlyRoles()) {
                overwrite(overwrites, role, 0, reader, 0);
            }
            for (String member : channel.onlyMembers() == null ? Set.<String>of() : channel.onlyMembers()) {
                overwrite(overwrites, member, 1, reader, 0);
            }
            overwrite(overwrites, FakeDiscord.BOT_ID, 1, reader | Permissions.SEND_MESSAGES, 0);
        }
    }

    /** A permission overwrite: type 0 for a role, 1 for a member. */
    private static void overwrite(ArrayNode overwrites, String id, int type, long allow, long deny) {
        overwrites.addObject().put("id", id).put("type", type).put("allow", Long.toString(allow)).put("deny", Long.toString(deny));
    }
}
