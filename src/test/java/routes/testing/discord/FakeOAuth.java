package routes.testing.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth2 as Discord documents it: GET /oauth2/authorize shows an "Authorize" button (for the member
 * set with authorizeAs); pressing it redirects to redirect_uri with a one-time code and the state;
 * POST oauth2/token trades the code (with the client's id and secret and the same redirect_uri) for a
 * bearer token; users/@me and users/@me/guilds answer to that token.
 */
final class FakeOAuth {

    private final DiscordState state;
    private final DiscordJson json;
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, String> bearerTokens = new ConcurrentHashMap<>();
    private volatile String clientId;
    private volatile String clientSecret;
    private volatile String authorizingMember;

    FakeOAuth(DiscordState state, DiscordJson json) {
        this.state = state;
        this.json = json;
    }

    void client(String id, String secret) {
        this.clientId = id;
        this.clientSecret = secret;
    }

    void authorizeAs(String memberId) {
        this.authorizingMember = memberId;
    }

    /** Whether a request is this part's: the OAuth2 pages and token endpoint, or a call made with a member's bearer token. */
    static boolean handles(HttpServerRequest request) {
        String path = request.path();
        return path.startsWith("/oauth2/") || path.startsWith("/api/v10/oauth2/")
                || (path.startsWith("/api/v10/users/@me") && String.valueOf(request.getHeader("Authorization")).startsWith("Bearer "));
    }

    void handle(HttpServerRequest request, String body) {
        String method = request.method().name();
        String path = request.path();
        if (method.equals("GET") && path.equals("/oauth2/authorize")) {
            authorizePage(request);
        } else if (method.equals("POST") && path.equals("/oauth2/authorize")) {
            Map<String, String> form = form(body);
            String code = "code-" + state.nextId();
            codes.put(code, authorizingMember + " " + form.get("redirect_uri"));
            request.response().setStatusCode(302).putHeader("Location", form.get("redirect_uri") + "?code=" + code + "&state="
                    + URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8)).end();
        } else if (method.equals("POST") && path.equals("/api/v10/oauth2/token")) {
            token(request, form(body));
        } else {
            String memberId = bearerTokens.get(request.getHeader("Authorization").substring("Bearer ".length()));
            if (memberId == null) {
                FakeRest.reply(request, 401, json.error("401: Unauthorized", 0));
            } else if (path.equals("/api/v10/users/@me")) {
                FakeRest.reply(request, 200, json.user(memberId, state.member(memberId).orElseThrow().name(), false));
            } else {
                ArrayNode guilds = json.json.createArrayNode();
                boolean owner = state.members.get(0).id().equals(memberId);
                boolean manager = state.rolesOf(memberId).stream().anyMatch(state.managerRoles::contains);
                guilds.addObject().put("id", state.guildId).put("name", "Fake Guild").put("owner", owner)
                        .put("permissions", Long.toString(Permissions.EVERYONE | (owner || manager ? Permissions.MANAGE_GUILD : 0)));
                FakeRest.reply(request, 200, guilds);
            }
        }
    }

    private void authorizePage(HttpServerRequest request) {
        boolean valid = "code".equals(request.getParam("response_type")) && Objects.equals(clientId, request.getParam("client_id"))
                && "identify guilds".equals(request.getParam("scope")) && request.getParam("redirect_uri") != null;
        if (!valid) {
            request.response().setStatusCode(400).end("Invalid OAuth2 request");
            return;
        }
        String page = "<!doctype html><html><head><title>Discord - Authorize</title></head><body><h1>rtfm wants to access your account</h1>"
                + "<form method=\"post\" action=\"/oauth2/authorize\"><input type=\"hidden\" name=\"redirect_uri\" value=\""
                + escape(request.getParam("redirect_uri")) + "\"><input type=\"hidden\" name=\"state\" value=\""
                + escape(String.valueOf(request.getParam("state"))) + "\"><button type=\"submit\" id=\"authorize\">Authorize</button></form></body></html>";
        request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
    }

    private void token(HttpServerRequest request, Map<String, String> form) {
        String issued = codes.remove(String.valueOf(form.get("code")));
        boolean valid = issued != null && "authorization_code".equals(form.get("grant_type")) && clientId.equals(form.get("client_id"))
                && clientSecret.equals(form.get("client_secret")) && issued.endsWith(" " + form.get("redirect_uri"));
        if (!valid) {
            FakeRest.reply(request, 400, json.object().put("error", "invalid_grant"));
            return;
        }
        String token = "user-token-" + state.nextId();
        bearerTokens.put(token, issued.substring(0, issued.indexOf(' ')));
        FakeRest.reply(request, 200, json.object().put("access_token", token).put("token_type", "Bearer").put("expires_in", 604800)
                .put("refresh_token", "refresh-" + token).put("scope", "identify guilds"));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
