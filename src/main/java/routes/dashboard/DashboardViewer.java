package routes.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * Who is asking: the login with Discord (state, code, session cookie), logout, and on every guild
 * page the guild as the viewer may see it now, asked of GuildAccess again each time.
 */
public class DashboardViewer {

    private static final String REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

    private final Sessions sessions;
    private final DiscordLogin login;
    private final GuildAccess access;
    private final Viewer localViewer;

    public DashboardViewer(Sessions sessions, DiscordLogin login, GuildAccess access) {
        this.sessions = sessions;
        this.login = login;
        this.access = access;
        this.localViewer = Viewer.local(sessions.randomToken());
    }

    public boolean loginRequired() {
        return access.loginRequired();
    }

    /** GET /dashboard/login: to Discord's authorize page, with a fresh state. */
    public void login(Exchange exchange) {
        requireLoginConfigured();
        Object address = exchange.getMessage().getHeader(REMOTE_ADDRESS);
        String host = address instanceof io.vertx.core.net.SocketAddress socket ? socket.hostAddress() : String.valueOf(address);
        exchange.setVariable("location", login.authorizeLocation(sessions.newState(host)));
        exchange.setVariable("status", 302);
    }

    /** GET /dashboard/callback?code&state: the state must be one this server issued; then a session. */
    public void callback(Exchange exchange, @Header("code") String code, @Header("state") String state, @Header("error") String error) {
        requireLoginConfigured();
        sessions.redeemState(state);
        if (error != null) {
            throw new DashboardException(403, "Discord did not authorize the login (" + error + ").");
        }
        DiscordLogin.LoggedIn who = login.exchange(code);
        String id = sessions.open(who.userId(), who.name(), who.guildIds());
        exchange.setVariable("setCookie", Sessions.COOKIE + "=" + id + "; Path=/dashboard; HttpOnly; SameSite=Lax; Max-Age="
                + sessions.lifetime().toSeconds() + (login.secure() ? "; Secure" : ""));
        exchange.setVariable("location", "/dashboard");
    }

    /** POST /dashboard/logout with the session's CSRF token: the session ends, and the cookie with it. */
    public void logout(Exchange exchange, @Header("Cookie") String cookie, @Header("csrf") String csrf) {
        String sessionId = Sessions.cookieValue(cookie);
        Viewer viewer = sessions.find(sessionId);
        if (viewer != null) {
            // platform-http hands a form's fields over as headers
            checkCsrf(viewer, csrf);
            sessions.close(sessionId);
        }
        exchange.setVariable("setCookie", Sessions.COOKIE + "=; Path=/dashboard; HttpOnly; SameSite=Lax; Max-Age=0"
                + (login.secure() ? "; Secure" : ""));
        exchange.setVariable("location", "/dashboard");
    }

    /** The viewer of this request, or null when nobody is logged in (the home page then offers the login). */
    public Viewer current(@Header("Cookie") String cookie) {
        return access.loginRequired() ? sessions.find(Sessions.cookieValue(cookie)) : localViewer;
    }

    /** Every guild page: the viewer must be logged in and may see this guild now, else 401 or 403. */
    public void requireGuild(Exchange exchange, @Header("Cookie") String cookie, @Header("guild") String guildId) {
        Viewer viewer = current(cookie);
        if (viewer == null) {
            throw new DashboardException(401, "Log in with Discord to see this page.");
        }
        exchange.setVariable("viewer", viewer);
        exchange.setVariable("guild", access.open(viewer.userId(), guildId));
    }

    private void requireLoginConfigured() {
        if (!access.loginRequired()) {
            throw new DashboardException(404, "This dashboard runs in local mode: nobody needs to log in.");
        }
        if (!login.configured()) {
            throw new DashboardException(503, "Login with Discord is not configured: set DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET and "
                    + "RTFM_DASHBOARD_PUBLIC_URL.");
        }
    }

    private static void checkCsrf(Viewer viewer, String presented) {
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                viewer.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new DashboardException(403, "This form is stale or was not sent from the dashboard: reload the page and try again.");
        }
    }

    public GuildAccess access() {
        return access;
    }
}
