package routes.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Discord's OAuth2 authorization-code flow (scopes identify and guilds): where to send the browser,
 * and what a returned code says about who logged in. The guild list Discord returns is a snapshot,
 * a shortlist only: GuildAccess decides, on every request, what the viewer may see. The client
 * secret and the viewer's token never leave this class: not in a log, an error or a page.
 */
public class DiscordLogin {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Who logged in, and the guilds Discord says they are in. */
    public record LoggedIn(String userId, String name, List<String> guildIds) {
    }

    private final String clientId;
    private final String clientSecret;
    private final String publicUrl;
    private final String authorizeUrl;
    private final String apiBaseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    public DiscordLogin(String clientId, String clientSecret, String publicUrl, String authorizeUrl, String apiBaseUrl) {
        this.clientId = clientId == null ? "" : clientId.trim();
        this.clientSecret = clientSecret == null ? "" : clientSecret.trim();
        this.publicUrl = publicUrl == null ? "" : publicUrl.trim().replaceAll("/+$", "");
        this.authorizeUrl = authorizeUrl;
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
    }

    public boolean configured() {
        return !clientId.isEmpty() && !clientSecret.isEmpty() && !publicUrl.isEmpty();
    }

    /** Cookies are marked Secure when the dashboard is served over https. */
    public boolean secure() {
        return publicUrl.startsWith("https://");
    }

    public String redirectUri() {
        return publicUrl + "/dashboard/callback";
    }

    public String authorizeLocation(String state) {
        return authorizeUrl + (authorizeUrl.contains("?") ? "&" : "?") + "response_type=code&client_id=" + encode(clientId)
                + "&scope=" + encode("identify guilds") + "&state=" + encode(state) + "&redirect_uri=" + encode(redirectUri());
    }

    public LoggedIn exchange(String code) {
        if (code == null || code.isBlank()) {
            throw DashboardException.badParameter("code", "Discord returned no authorization code (was the login cancelled?)");
        }
        String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(redirectUri())
                + "&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        JsonNode token = call(HttpRequest.newBuilder(URI.create(apiBaseUrl + "oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), "the token exchange");
        String bearer = "Bearer " + token.path("access_token").asText();
        JsonNode user = call(HttpRequest.newBuilder(URI.create(apiBaseUrl + "users/@me")).header("Authorization", bearer).GET(), "users/@me");
        JsonNode guilds = call(HttpRequest.newBuilder(URI.create(apiBaseUrl + "users/@me/guilds")).header("Authorization", bearer).GET(),
                "users/@me/guilds");
        List<String> guildIds = new ArrayList<>();
        guilds.forEach(guild -> guildIds.add(guild.path("id").asText()));
        String name = user.path("global_name").asText(user.path("username").asText(user.path("id").asText()));
        return new LoggedIn(user.path("id").asText(), name, guildIds);
    }

    private JsonNode call(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                // Discord's answer may echo what was sent: only the status is repeated
                throw new DashboardException(502, "Discord refused " + what + " (HTTP " + response.statusCode() + "): log in again");
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new DashboardException(502, "Discord did not answer " + what + ": try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DashboardException(503, "The server is stopping");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
