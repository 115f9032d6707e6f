package routes.local;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the API is exposed. Beyond local mode (next to Discord, or listening beyond loopback)
 * it holds a real server's history, so every call needs the token, a question must say which
 * channels the asker may read, and messages are taken in only when intake is switched on.
 */
public record ApiExposure(String host, String apiToken, boolean nextToDiscord, boolean messageIntake) {
    public ApiExposure {
        apiToken = apiToken == null ? "" : apiToken.trim();
    }

    public boolean beyondLocalMode() {
        return nextToDiscord || !isLoopback(host);
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
