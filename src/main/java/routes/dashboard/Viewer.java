package routes.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * A logged-in viewer's server-side session: who they are, the guilds Discord listed for them at
 * login (only a shortlist: what they may see is asked of the bot on every request), and the token
 * every form they post must carry back.
 */
public record Viewer(String userId, String name, List<String> guildIds, String csrfToken, Instant expiresAt) {

    /** The viewer in local mode: nobody logs in, the dashboard is on loopback only. */
    public static Viewer local(String csrfToken) {
        return new Viewer("local", "local", null, csrfToken, Instant.MAX);
    }
}
