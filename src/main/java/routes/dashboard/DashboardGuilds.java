package routes.dashboard;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import routes.discord.ChannelAccess;
import routes.discord.DiscordConnection;

/**
 * The dashboard's rule, as the bot sees the viewer now: a guild is theirs to see when the bot is
 * in it and they own it, or hold Manage Server or Administrator there; of its questions, they see
 * those asked in channels they can read (ChannelAccess: roles, overwrites, private threads, the
 * same computation as for an asker). The member is fetched from Discord on every request, never
 * from a cache, so a role taken away takes the page with it at once.
 */
public class DashboardGuilds implements GuildAccess {

    private final DiscordConnection connection;

    public DashboardGuilds(DiscordConnection connection) {
        this.connection = connection;
    }

    @Override
    public boolean loginRequired() {
        return true;
    }

    @Override
    public List<GuildView> administered(String viewerId, Collection<String> candidates) {
        JDA jda = jda();
        Collection<String> ids = candidates != null ? candidates : jda.getGuilds().stream().map(Guild::getId).toList();
        return ids.stream().map(jda::getGuildById).filter(guild -> guild != null)
                .map(guild -> {
                    Member member = member(guild, viewerId);
                    return member != null && administers(member) ? view(guild, member) : null;
                })
                .filter(view -> view != null).toList();
    }

    @Override
    public GuildView open(String viewerId, String guildId) {
        if (guildId == null || !guildId.matches("\\d{1,20}")) {
            throw DashboardException.badParameter("guild", "a Discord guild id");
        }
        Guild guild = jda().getGuildById(guildId);
        Member member = guild == null ? null : member(guild, viewerId);
        if (member == null || !administers(member)) {
            throw DashboardException.forbidden("You may not see this guild's dashboard: it takes Manage Server or Administrator "
                    + "in a guild RTFM is in.");
        }
        return view(guild, member);
    }

    static boolean administers(Member member) {
        return member.isOwner() || member.hasPermission(Permission.MANAGE_SERVER) || member.hasPermission(Permission.ADMINISTRATOR);
    }

    private static GuildView view(Guild guild, Member member) {
        Set<String> readable = new HashSet<>(ChannelAccess.readableChannelIds(guild, member));
        Map<String, String> names = new LinkedHashMap<>();
        for (GuildChannel channel : guild.getChannels()) {
            if (channel instanceof GuildMessageChannel) {
                names.put(channel.getId(), "#" + channel.getName());
            }
        }
        return new GuildView(guild.getId(), guild.getName(), readable, names);
    }

    private static Member member(Guild guild, String userId) {
        try {
            return guild.retrieveMemberById(userId).useCache(false).complete();
        } catch (ErrorResponseException notAMember) {
            return null;
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }

    private JDA jda() {
        JDA jda = connection.jda();
        if (jda == null) {
            throw new DashboardException(503, "RTFM is not connected to Discord right now: try again shortly.");
        }
        return jda;
    }
}
