package routes.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/**
 * The channels and threads of a guild whose history the bot may read: text channels where it may
 * View Channel and Read Message History, their archived public threads (listed from Discord),
 * archived private ones where it may Manage Threads, and active threads (private ones only when it
 * is a member or may Manage Threads). Each once, channels before their threads.
 */
final class ReadableHistory {

    private ReadableHistory() {
    }

    /** What the bot may read; private threads need it to be a member, archived private ones Manage Threads. */
    static List<GuildMessageChannel> of(Guild guild) {
        Member self = guild.getSelfMember();
        Map<String, GuildMessageChannel> channels = new LinkedHashMap<>();
        for (TextChannel text : guild.getTextChannels()) {
            if (!self.hasPermission(text, Permission.VIEW_CHANNEL, Permission.MESSAGE_HISTORY)) {
                continue;
            }
            channels.put(text.getId(), text);
            for (ThreadChannel archived : text.retrieveArchivedPublicThreadChannels()) {
                channels.put(archived.getId(), archived);
            }
            if (self.hasPermission(text, Permission.MANAGE_THREADS)) {
                for (ThreadChannel archived : text.retrieveArchivedPrivateThreadChannels()) {
                    channels.put(archived.getId(), archived);
                }
            }
        }
        for (ThreadChannel active : guild.getThreadChannels()) {
            boolean parentReadable = self.hasPermission(active.getParentChannel(), Permission.VIEW_CHANNEL, Permission.MESSAGE_HISTORY);
            if (parentReadable && (active.isPublic() || active.isJoined() || self.hasPermission(active.getParentChannel(), Permission.MANAGE_THREADS))) {
                channels.putIfAbsent(active.getId(), active);
            }
        }
        return List.copyOf(channels.values());
    }
}
