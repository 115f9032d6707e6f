package routes.discord;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.PermissionOverride;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.attribute.IAgeRestrictedChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * Which of the asker's readable channels an answer posted in a channel may cite. Everyone who can
 * view that channel sees the answer, so a source qualifies only if it was said there, or if every
 * one of them can read its channel too: @everyone and each role (JDA's effective permissions, with
 * overwrites), and each member with an overwrite of their own. Decided from roles and overwrites
 * alone; where the bot cannot tell (an uncached member, a private thread's members), the source
 * does not qualify. NSFW channels are cited only in NSFW channels. See docs/ARCHITECTURE.md, "Privacy".
 */
public final class AudienceAccess {

    private AudienceAccess() {
    }

    /**
     * @param where    the channel the answer is posted in
     * @param readable the channels the asker may read (ChannelAccess)
     */
    public static List<String> citableIn(GuildChannel where, Member asker, List<String> readable) {
        Guild guild = where.getGuild();
        // a thread's audience is among its parent's readers; a private thread is stored under its own id
        GuildChannel audience = where instanceof ThreadChannel thread ? thread.getParentChannel() : where;
        String answeredIn = where instanceof ThreadChannel thread && !thread.isPublic() ? thread.getId() : audience.getId();
        List<String> citable = new ArrayList<>();
        for (String id : readable) {
            if (id.equals(answeredIn) || readByAudience(guild, audience, guild.getGuildChannelById(id), asker)) {
                citable.add(id);
            }
        }
        return citable;
    }

    static boolean readByAudience(Guild guild, GuildChannel audience, GuildChannel source, Member asker) {
        if (source == null || source instanceof ThreadChannel || (nsfw(source) && !nsfw(audience))) {
            return false;
        }
        for (Role role : guild.getRoles()) {
            if (role.hasAccess(audience) && !reads(role, source)) {
                return false;
            }
        }
        if (!reads(guild.getPublicRole(), source) && guild.getPublicRole().hasAccess(audience)) {
            return false;
        }
        for (PermissionOverride own : audience.getPermissionContainer().getMemberPermissionOverrides()) {
            if (own.getAllowed().contains(Permission.VIEW_CHANNEL) && !surelyReads(guild, own.getIdLong(), source, asker)) {
                return false;
            }
        }
        for (PermissionOverride own : source.getPermissionContainer().getMemberPermissionOverrides()) {
            if (deniesReading(own) && mayView(guild, own.getIdLong(), audience, asker)) {
                return false;
            }
        }
        return true;
    }

    private static boolean reads(Role role, GuildChannel channel) {
        return role.hasAccess(channel) && role.hasPermission(channel, Permission.MESSAGE_HISTORY);
    }

    private static Member known(Guild guild, long memberId, Member asker) {
        return asker != null && asker.getIdLong() == memberId ? asker : guild.getMemberById(memberId);
    }

    /** Whether this member can read the channel: asked of JDA when the member is known, else proven from overwrites. */
    private static boolean surelyReads(Guild guild, long memberId, GuildChannel channel, Member asker) {
        Member member = known(guild, memberId, asker);
        if (member != null) {
            return member.hasAccess(channel) && member.hasPermission(channel, Permission.MESSAGE_HISTORY);
        }
        // roles only add permissions, except through a role overwrite that denies
        return reads(guild.getPublicRole(), channel)
                && channel.getPermissionContainer().getRolePermissionOverrides().stream().noneMatch(AudienceAccess::deniesReading)
                && channel.getPermissionContainer().getMemberPermissionOverrides().stream()
                        .noneMatch(own -> own.getIdLong() == memberId && deniesReading(own));
    }

    private static boolean mayView(Guild guild, long memberId, GuildChannel channel, Member asker) {
        Member member = known(guild, memberId, asker);
        return member == null || member.hasAccess(channel);
    }

    private static boolean deniesReading(PermissionOverride override) {
        return override.getDenied().contains(Permission.VIEW_CHANNEL) || override.getDenied().contains(Permission.MESSAGE_HISTORY);
    }

    private static boolean nsfw(GuildChannel channel) {
        return channel instanceof IAgeRestrictedChannel restricted && restricted.isNSFW();
    }
}
