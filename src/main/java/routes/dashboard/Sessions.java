package routes.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's server-side state: sessions behind random cookies, the OAuth states a login is
 * waiting for, and the login attempts per address. Nothing here is derived from a constant: every
 * id is 32 random bytes, so a cookie or a state cannot be guessed.
 */
public class Sessions {

    public static final String COOKIE = "rtfm_session";
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final Duration lifetime;
    private final int loginsPerMinute;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Viewer> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> states = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> logins = new ConcurrentHashMap<>();

    public Sessions(Duration lifetime, int loginsPerMinute, Clock clock) {
        this.lifetime = lifetime;
        this.loginsPerMinute = loginsPerMinute;
        this.clock = clock;
    }

    public String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new OAuth state for a login from this address; 429 when the address tried too often this minute. */
    public String newState(String address) {
        Instant now = clock.instant();
        Deque<Instant> recent = logins.computeIfAbsent(address == null ? "?" : address, a -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minusSeconds(60))) {
                recent.pollFirst();
            }
            if (recent.size() >= loginsPerMinute) {
                throw new DashboardException(429, "Too many logins from this address: try again in a minute.");
            }
            recent.addLast(now);
        }
        states.values().removeIf(expiry -> expiry.isBefore(now));
        String state = randomToken();
        states.put(state, now.plus(STATE_LIFETIME));
        return state;
    }

    /** Takes a state back once: a callback without one this server issued, or with a used or stale one, is refused. */
    public void redeemState(String state) {
        Instant expiry = state == null ? null : states.remove(state);
        if (expiry == null || expiry.isBefore(clock.instant())) {
            throw DashboardException.badParameter("state", "this login was not started here, or has expired: log in again");
        }
    }

    /** Starts a session for the viewer; returns its id (the cookie's value). */
    public String open(String userId, String name, List<String> guildIds) {
        sessions.values().removeIf(viewer -> viewer.expiresAt().isBefore(clock.instant()));
        String id = randomToken();
        sessions.put(id, new Viewer(userId, name, List.copyOf(guildIds), randomToken(), clock.instant().plus(lifetime)));
        return id;
    }

    /** The viewer behind a session id, or null when there is none or it has expired. */
    public Viewer find(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        Viewer viewer = sessions.get(sessionId);
        if (viewer != null && viewer.expiresAt().isBefore(clock.instant())) {
            sessions.remove(sessionId);
            return null;
        }
        return viewer;
    }

    public void close(String sessionId) {
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The session id in a Cookie header, or null. */
    public static String cookieValue(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String pair = part.trim();
            if (pair.startsWith(COOKIE + "=")) {
                return pair.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
