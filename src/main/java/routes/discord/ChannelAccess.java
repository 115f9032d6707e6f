package routes.discord;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;

/**
 * The channels whose history a member may read: VIEW_CHANNEL and MESSAGE_HISTORY on each message
 * channel of the guild. Public thread messages are stored under their parent channel, so its
 * permissions cover them; a private thread is stored under its own id and is readable only by its
 * members (or by whoever may manage threads in the parent).
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
            if (channel instanceof GuildMessageChannel && canRead(member, channel)) {
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
