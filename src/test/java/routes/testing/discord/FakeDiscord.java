package routes.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Enough of Discord's API v10 and gateway, on loopback, for the real JDA client: REST calls are
 * answered in Discord's shapes and recorded; the gateway says HELLO, answers IDENTIFY with READY
 * and one GUILD_CREATE, acknowledges heartbeats, and dispatches the events a test causes (JSON
 * encoding, no compression). A test acts through its parts: {@link #guild()} (members talking,
 * Discord deleting), {@link #interactions()} (commands, buttons, modals) and {@link #bot()} (what
 * the bot did).
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String BOT_ID = "1000000000000000001";
    /** The bot token configure() gives the app: a fake secret that must never show. */
    public static final String TOKEN = "fake-bot-token";

    /** A REST call the bot made. */
    public record Call(String method, String path, JsonNode body) {
    }

    /**
     * A text channel; a private one is readable only by the listed members (member overwrites) or
     * the members of the listed roles (role overwrites), and the bot.
     */
    public record Channel(String id, String name, Set<String> onlyMembers, Set<String> onlyRoles) {
        public Channel(String id, String name, Set<String> onlyMembers) {
            this(id, name, onlyMembers, null);
        }

        boolean isPrivate() {
            return onlyMembers != null || onlyRoles != null;
        }
    }

    /**
     * A thread under a text channel; a private one (type 12) is visible only to its members. An
     * archived one is not in GUILD_CREATE: it is listed by GET /channels/{id}/threads/archived/public.
     */
    public record Thread(String id, String name, String parentId, Set<String> privateMembers, boolean archived) {
        public Thread(String id, String name, String parentId, Set<String> privateMembers) {
            this(id, name, parentId, privateMembers, false);
        }

        boolean isPrivate() {
            return privateMembers != null;
        }
    }

    /** A guild member, with the ids of the roles they hold. */
    public record Member(String id, String name, boolean bot, Set<String> roles) {
        public Member(String id, String name, boolean bot) {
            this(id, name, bot, Set.of());
        }
    }

    private final DiscordState state;
    private final FakeGateway gateway;
    private final FakeGuild guild;
    private final BotActivity bot;
    private final FakeInteractions interactions;
    private final FakeOAuth oauth;
    private final ChannelHistory history;
    private final FakeRest rest;
    private Vertx vertx;
    private HttpServer server;

    public FakeDiscord(String guildId, List<Channel> channels, List<Member> members) {
        this(guildId, channels, members, List.of());
    }

    public FakeDiscord(String guildId, List<Channel> channels, List<Member> members, List<Thread> threads) {
        state = new DiscordState(guildId, channels, members, threads);
        DiscordJson json = new DiscordJson(state);
        gateway = new FakeGateway(json, new GuildCreate(state, json), this::gatewayUrl);
        guild = new FakeGuild(state, json, gateway);
        bot = new BotActivity(state);
        interactions = new FakeInteractions(state, json, gateway, bot);
        oauth = new FakeOAuth(state, json);
        history = new ChannelHistory(state, json);
        rest = new FakeRest(state, json, gateway, guild, interactions, oauth, history, this::gatewayUrl);
    }

    /** These channels are forums (type 15, with a "Solved" tag): each post is a thread whose starter message has the thread's id. */
    public FakeDiscord forums(String... channelIds) {
        state.forums.addAll(List.of(channelIds));
        return this;
    }

    /** The bot holds Manage Threads in these forums, so it may apply a post's tags. */
    public FakeDiscord botManagesThreadsIn(String... forumIds) {
        state.threadManagerIn.addAll(List.of(forumIds));
        return this;
    }

    /** These roles carry Manage Server. Call before start(). */
    public FakeDiscord managing(String... roleIds) {
        state.managerRoles.addAll(List.of(roleIds));
        return this;
    }

    /** The application's OAuth2 client; {@link #authorizeAs} says who presses "Authorize" on the authorize page. */
    public FakeDiscord oauth(String clientId, String clientSecret) {
        oauth.client(clientId, clientSecret);
        return this;
    }

    /** Answer IDENTIFY as Discord does when the Message Content intent is not enabled for the bot: close 4014. */
    public FakeDiscord refusingPrivilegedIntents() {
        gateway.refusePrivilegedIntents();
        return this;
    }

    public FakeDiscord start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().webSocketHandler(gateway::connect).requestHandler(rest::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Points an app at this fake by configuration alone: token, REST and gateway addresses, no compression. */
    public void configure(Properties config) {
        config.setProperty("rtfm.discord.token", TOKEN);
        config.setProperty("rtfm.discord.api-base-url", apiBaseUrl());
        config.setProperty("rtfm.discord.gateway-url", gatewayUrl());
        config.setProperty("rtfm.discord.compression", "none");
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/api/v10/";
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + server.actualPort() + "/gateway";
    }

    /** Discord's authorize page, which DISCORD_OAUTH_AUTHORIZE_URL points at. */
    public String authorizeUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/oauth2/authorize";
    }

    /** The member who presses "Authorize" from now on. */
    public void authorizeAs(String memberId) {
        oauth.authorizeAs(memberId);
    }

    public FakeGuild guild() {
        return guild;
    }

    public FakeInteractions interactions() {
        return interactions;
    }

    public BotActivity bot() {
        return bot;
    }

    /** Whether the bot has identified on the gateway. */
    public boolean identified() {
        return gateway.identified();
    }

    /** Requests answered 429 because the client did not follow the rate-limit headers. */
    public int rateLimited() {
        return history.rateLimited();
    }

    /** The id of a forum's one tag, "Solved". */
    public static String solvedTagId(String forumId) {
        return "9" + forumId.substring(1);
    }
}
