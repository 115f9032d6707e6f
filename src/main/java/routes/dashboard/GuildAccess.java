package routes.dashboard;

import java.util.Collection;
import java.util.List;

/**
 * Who may see which guild, asked again on every request: with Discord, as the bot sees the viewer
 * now (Manage Server, Administrator or owner; readable channels from roles and overwrites); in
 * local mode, every guild the log holds.
 */
public interface GuildAccess {

    /** Whether a viewer must log in (false only in local mode). */
    boolean loginRequired();

    /** The guilds among {@code candidates} (all the bot's when null) that the viewer may administer now. */
    List<GuildView> administered(String viewerId, Collection<String> candidates);

    /** The guild as the viewer may see it now; a 403 DashboardException when they may not. */
    GuildView open(String viewerId, String guildId);
}
