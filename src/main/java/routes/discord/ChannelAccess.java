package routes.discord;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/**
 * The channels whose history a member may read: VIEW_CHANNEL and MESSAGE_HISTORY on each message
 * channel of the guild. Messages in threads are stored under their parent channel, so a thread is
 * covered by its parent's permissions.
 */
public final class ChannelAccess {

    private ChannelAccess() {
    }

    public static List<String> readableChannelIds(Guild guild, Member member) {
        List<String> ids = new ArrayList<>();
        for (GuildChannel channel : guild.getChannels()) {
            if (channel instanceof GuildMessageChannel && member.hasAccess(channel)
                    && member.hasPermission(channel, Permission.MESSAGE_HISTORY)) {
                ids.add(channel.getId());
            }
        }
        return ids;
    }
}
