package routes.dashboard;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Local mode, without Discord: every guild the log holds (the console's, and those the HTTP API
 * was given), every channel, nobody logs in. DashboardConfiguration allows it on loopback only.
 */
public class LocalGuilds implements GuildAccess {

    static final Pattern GUILD_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");

    private final DashboardQueries log;

    public LocalGuilds(DashboardQueries log) {
        this.log = log;
    }

    @Override
    public boolean loginRequired() {
        return false;
    }

    @Override
    public List<GuildView> administered(String viewerId, Collection<String> candidates) {
        return log.guildIds().stream().map(id -> open(viewerId, id)).toList();
    }

    @Override
    public GuildView open(String viewerId, String guildId) {
        if (guildId == null || !GUILD_ID.matcher(guildId).matches()) {
            throw DashboardException.badParameter("guild", "a guild id");
        }
        if (!log.holdsGuild(guildId)) {
            throw DashboardException.badParameter("guild", "the question log holds no question from guild " + guildId);
        }
        Map<String, String> names = new LinkedHashMap<>();
        log.channelIds(guildId).forEach(id -> names.put(id, id));
        return new GuildView(guildId, guildId, null, names);
    }
}
