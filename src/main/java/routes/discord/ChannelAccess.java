package routes.discord;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;

/**
 * The channels whose history a member may read: VIEW_CHANNEL and MESSAGE_HISTORY on each message
 * channel and each forum of the guild. Public thread messages (a forum's posts among them) are
 * stored under their parent channel, so its permissions cover them; a private thread is stored
 * under its own id and is readable only by its members (or by whoever may manage threads in the parent).
 */
public final class ChannelAccess {

    private ChannelAccess() {
    }

    public static List<String> readableChannelIds(Guild guild, Member member) {
        List<String> ids = new ArrayList<>();
        for (GuildChannel channel : guild.getChannels()) {
            if (channel instanceof ThreadChannel) {
                continue;
            }
            // a forum holds no messages itself, but its posts' messages are stored under it, as a text channel's threads are
            boolean holdsMessages = channel instanceof GuildMessageChannel || channel.getType() == ChannelType.FORUM
                    || channel.getType() == ChannelType.MEDIA;
            if (holdsMessages && canRead(member, channel)) {
                ids.add(channel.getId());
            }
        }
        for (ThreadChannel thread : guild.getThreadChannels()) {
            if (!thread.isPublic() && canRead(member, thread.getParentChannel())
                    && (member.hasPermission(thread.getParentChannel(), Permission.MANAGE_THREADS) || isMember(thread, member))) {
                ids.add(thread.getId());
            }
        }
        return ids;
    }

    private static boolean canRead(Member member, GuildChannel channel) {
        return member.hasAccess(channel) && member.hasPermission(channel, Permission.MESSAGE_HISTORY);
    }

    private static boolean isMember(ThreadChannel thread, Member member) {
        try {
            return thread.retrieveThreadMemberById(member.getIdLong()).complete() != null;
        } catch (ErrorResponseException notAMember) {
            return false;
        }
    }
}
