package routes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of Discord's API v10 and gateway, on loopback, for the real JDA client: REST calls are
 * answered in Discord's shapes and recorded; the gateway says HELLO, answers IDENTIFY with READY
 * and one GUILD_CREATE, acknowledges heartbeats, and dispatches the events a test asks for
 * (JSON encoding, no compression).
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String BOT_ID = "1000000000000000001";
    /** The bot token configure() gives the app: a fake secret that must never show. */
    public static final String TOKEN = "fake-bot-token";
    private static final long VIEW_CHANNEL = 1L << 10;
    private static final long SEND_MESSAGES = 1L << 11;
    private static final long READ_MESSAGE_HISTORY = 1L << 16;
    private static final long USE_APPLICATION_COMMANDS = 1L << 31;
    private static final long ADD_REACTIONS = 1L << 6;
    private static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
    /** What @everyone may do in a new Discord server, as far as the bot's work goes. */
    private static final long EVERYONE = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS | ADD_REACTIONS
            | SEND_MESSAGES_IN_THREADS;
    private static final long MANAGE_GUILD = 1L << 5;
    private static final long MANAGE_THREADS = 1L << 34;
    private static final long DISCORD_EPOCH = 1420070400000L;

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

    private final ObjectMapper json = new ObjectMapper();
    private final String guildId;
    private final List<Channel> channels;
    private final List<Member> members;
    private final List<Thread> threads;
    private final Set<String> forums = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Forums where the bot holds Manage Threads (a member overwrite), which tagging a post needs. */
    private final Set<String> threadManagerIn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** A forum post's owner and the tags applied to it, by the post's (thread's) id. */
    private final java.util.Map<String, String> postOwners = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, List<String>> appliedTags = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Every message created so far, by id: what a reply references. */
    private final java.util.Map<String, ObjectNode> created = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final java.util.Map<String, java.util.Deque<Long>> historyWindows = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile boolean identified;
    /** Roles that carry Manage Server (0x20) at guild level; any other role grants nothing by itself. */
    private final Set<String> managerRoles = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Roles given or taken since the start (the member REST endpoint answers with these). */
    private final java.util.Map<String, Set<String>> currentRoles = new java.util.concurrent.ConcurrentHashMap<>();
    /** OAuth2: the application's client, who presses "Authorize", and the codes and tokens issued. */
    private volatile String clientId;
    private volatile String clientSecret;
    private volatile String authorizingMember;
    private final java.util.Map<String, String> codes = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> bearerTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean refuseIntents;
    private Vertx vertx;
    private HttpServer server;

    public FakeDiscord(String guildId, List<Channel> channels, List<Member> members) {
        this(guildId, channels, members, List.of());
    }

    public FakeDiscord(String guildId, List<Channel> channels, List<Member> members, List<Thread> threads) {
        this.guildId = guildId;
        this.channels = channels;
        this.members = members;
        // a forum post adds its thread while the bot runs
        this.threads = new java.util.concurrent.CopyOnWriteArrayList<>(threads);
    }

    /** These channels are forums (type 15, with a "Solved" tag): each post is a thread whose starter message has the thread's id. */
    public FakeDiscord forums(String... channelIds) {
        forums.addAll(List.of(channelIds));
        return this;
    }

    /** The bot holds Manage Threads in these forums, so it may apply a post's tags. */
    public FakeDiscord botManagesThreadsIn(String... forumIds) {
        threadManagerIn.addAll(List.of(forumIds));
        return this;
    }

    /** The id of a forum's one tag, "Solved". */
    public static String solvedTagId(String forumId) {
        return "9" + forumId.substring(1);
    }

    /** The tags applied to a forum post so far (none when nobody tagged it). */
    public List<String> appliedTags(String postId) {
        return appliedTags.getOrDefault(postId, List.of());
    }

    /**
     * A member opens a post in a forum, as Discord sends it: THREAD_CREATE (newly created, owned by them), then the starter
     * message inside the thread, under the thread's own id. Returns that id.
     */
    public String forumPost(String forumId, String authorId, String title, String content) {
        String id = nextId();
        Thread post = new Thread(id, title, forumId, null);
        postOwners.put(id, authorId);
        threads.add(post);
        ObjectNode opened = thread(post).put("newly_created", true);
        dispatch("THREAD_CREATE", opened);
        dispatch("MESSAGE_CREATE", message(id, id, authorId, content, null, false));
        return id;
    }

    public FakeDiscord start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .webSocketHandler(this::gateway)
                .requestHandler(this::rest)
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return this;
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/api/v10/";
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + server.actualPort() + "/gateway";
    }

    /** Points an app at this fake by configuration alone: token, REST and gateway addresses, no compression. */
    public void configure(java.util.Properties config) {
        config.setProperty("rtfm.discord.token", TOKEN);
        config.setProperty("rtfm.discord.api-base-url", apiBaseUrl());
        config.setProperty("rtfm.discord.gateway-url", gatewayUrl());
        config.setProperty("rtfm.discord.compression", "none");
    }

    /** These roles carry Manage Server. Call before start(). */
    public FakeDiscord managing(String... roleIds) {
        managerRoles.addAll(List.of(roleIds));
        return this;
    }

    /** Gives a member these roles from now on, as an admin would in Discord's settings. */
    public void setRoles(String memberId, Set<String> roles) {
        currentRoles.put(memberId, Set.copyOf(roles));
    }

    private Set<String> rolesOf(String memberId) {
        Set<String> changed = currentRoles.get(memberId);
        return changed != null ? changed : members.stream().filter(m -> m.id().equals(memberId)).findFirst().map(Member::roles)
                .orElse(Set.of());
    }

    /** The application's OAuth2 client, and the member who presses "Authorize" on the authorize page. */
    public FakeDiscord oauth(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        return this;
    }

    public void authorizeAs(String memberId) {
        this.authorizingMember = memberId;
    }

    /** Discord's authorize page, which DISCORD_OAUTH_AUTHORIZE_URL points at. */
    public String authorizeUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/oauth2/authorize";
    }

    public boolean identified() {
        return identified;
    }

    /** Answer IDENTIFY as Discord does when the Message Content intent is not enabled for the bot: close 4014. */
    public FakeDiscord refusingPrivilegedIntents() {
        refuseIntents = true;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** A new snowflake: Discord ids grow with time. */
    public String nextId() {
        return Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH) << 22) + (ids.incrementAndGet() & 0x3FFFFF));
    }

    // ---- gateway

    private void gateway(ServerWebSocket socket) {
        if (!socket.path().startsWith("/gateway")) {
            socket.reject();
            return;
        }
        sockets.add(socket);
        socket.closeHandler(v -> sockets.remove(socket));
        socket.textMessageHandler(text -> {
            try {
                JsonNode payload = json.readTree(text);
                switch (payload.path("op").asInt()) {
                    case 1 -> socket.writeTextMessage("{\"op\":11,\"d\":null}");
                    case 2 -> {
                        if (refuseIntents) {
                            socket.close((short) 4014, "Disallowed intent(s).");
                            return;
                        }
                        identified = true;
                        sendDispatch(socket, "READY", ready());
                        sendDispatch(socket, "GUILD_CREATE", guild());
                    }
                    default -> { }
                }
            } catch (Exception e) {
                socket.close((short) 4000, "bad payload");
            }
        });
        socket.writeTextMessage("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
    }

    private void sendDispatch(ServerWebSocket socket, String type, ObjectNode data) {
        ObjectNode payload = json.createObjectNode();
        payload.put("op", 0);
        payload.put("s", sequence.incrementAndGet());
        payload.put("t", type);
        payload.set("d", data);
        socket.writeTextMessage(payload.toString());
    }

    private void dispatch(String type, ObjectNode data) {
        sockets.forEach(socket -> sendDispatch(socket, type, data));
    }

    private ObjectNode ready() {
        ObjectNode ready = json.createObjectNode();
        ready.put("v", 10);
        ready.set("user", user(BOT_ID, "rtfm", true));
        ready.putArray("guilds").addObject().put("id", guildId).put("unavailable", true);
        ready.put("session_id", "fake-session");
        ready.put("resume_gateway_url", gatewayUrl());
        ready.putObject("application").put("id", BOT_ID).put("flags", 0);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        return ready;
    }

    private ObjectNode guild() {
        ObjectNode guild = json.createObjectNode();
        guild.put("id", guildId);
        guild.put("name", "Fake Guild");
        guild.put("owner_id", members.get(0).id());
        guild.put("unavailable", false);
        guild.put("member_count", members.size() + 1);
        guild.put("large", false);
        guild.put("afk_timeout", 300);
        guild.put("joined_at", Instant.now().toString());
        ObjectNode everyone = guild.putArray("roles").addObject().put("id", guildId).put("name", "@everyone")
                .put("permissions", Long.toString(EVERYONE)).put("position", 0).put("color", 0).put("hoist", false)
                .put("managed", false).put("mentionable", false).put("flags", 0);
        everyone.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        java.util.SortedSet<String> roleIds = new java.util.TreeSet<>();
        members.forEach(m -> roleIds.addAll(m.roles()));
        channels.stream().filter(c -> c.onlyRoles() != null).forEach(c -> roleIds.addAll(c.onlyRoles()));
        int rolePosition = 1;
        for (String roleId : roleIds) {
            // a role grants nothing by itself: channels open to it say so in a role overwrite
            ObjectNode role = ((ArrayNode) guild.get("roles")).addObject().put("id", roleId).put("name", "role-" + roleId)
                    .put("permissions", managerRoles.contains(roleId) ? Long.toString(MANAGE_GUILD) : "0").put("position", rolePosition++).put("color", 0).put("hoist", false)
                    .put("managed", false).put("mentionable", false).put("flags", 0);
            role.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        }
        ArrayNode channelArray = guild.putArray("channels");
        int position = 0;
        for (Channel channel : channels) {
            ObjectNode c = channelArray.addObject();
            c.put("id", channel.id());
            c.put("type", forums.contains(channel.id()) ? 15 : 0);
            if (forums.contains(channel.id())) {
                c.putArray("available_tags").addObject().put("id", solvedTagId(channel.id())).put("name", "Solved")
                        .put("moderated", false).putNull("emoji_id").putNull("emoji_name");
                c.put("default_forum_layout", 0).put("flags", 0).put("default_thread_rate_limit_per_user", 0);
                c.putNull("default_reaction_emoji");
                c.putNull("default_sort_order");
                c.putNull("topic");
            }
            c.put("name", channel.name());
            c.put("position", position++);
            c.put("guild_id", guildId);
            c.put("nsfw", false);
            ArrayNode overwrites = c.putArray("permission_overwrites");
            if (threadManagerIn.contains(channel.id())) {
                overwrites.addObject().put("id", BOT_ID).put("type", 1).put("allow", Long.toString(MANAGE_THREADS)).put("deny", "0");
            }
            if (channel.isPrivate()) {
                overwrites.addObject().put("id", guildId).put("type", 0).put("allow", "0").put("deny", Long.toString(VIEW_CHANNEL));
                for (String role : channel.onlyRoles() == null ? Set.<String>of() : channel.onlyRoles()) {
                    overwrites.addObject().put("id", role).put("type", 0).put("allow", Long.toString(VIEW_CHANNEL | READ_MESSAGE_HISTORY))
                            .put("deny", "0");
                }
                for (String member : channel.onlyMembers() == null ? Set.<String>of() : channel.onlyMembers()) {
                    overwrites.addObject().put("id", member).put("type", 1).put("allow", Long.toString(VIEW_CHANNEL | READ_MESSAGE_HISTORY))
                            .put("deny", "0");
                }
                overwrites.addObject().put("id", BOT_ID).put("type", 1).put("allow", Long.toString(VIEW_CHANNEL | READ_MESSAGE_HISTORY | SEND_MESSAGES))
                        .put("deny", "0");
            }
        }
        ArrayNode memberArray = guild.putArray("members");
        memberArray.add(member(BOT_ID, "rtfm", true));
        members.forEach(m -> memberArray.add(member(m.id(), m.name(), m.bot())));
        ArrayNode threadArray = guild.putArray("threads");
        for (Thread thread : threads.stream().filter(t -> !t.archived()).toList()) {
            threadArray.add(thread(thread));
        }
        for (String empty : List.of("emojis", "stickers", "voice_states", "presences", "features", "guild_scheduled_events",
                "stage_instances", "soundboard_sounds")) {
            guild.putArray(empty);
        }
        return guild;
    }

    private ObjectNode thread(Thread thread) {
        ObjectNode t = json.createObjectNode();
        t.put("id", thread.id());
        t.put("type", thread.isPrivate() ? 12 : 11);
        t.put("name", thread.name());
        t.put("parent_id", thread.parentId());
        t.put("guild_id", guildId);
        t.put("owner_id", postOwners.getOrDefault(thread.id(), members.get(0).id()));
        if (forums.contains(thread.parentId())) {
            ArrayNode tags = t.putArray("applied_tags");
            appliedTags(thread.id()).forEach(tags::add);
        }
        t.put("member_count", 1);
        t.put("message_count", 0);
        t.put("rate_limit_per_user", 0);
        t.put("flags", 0);
        t.putObject("thread_metadata").put("archived", thread.archived()).put("locked", false).put("invitable", false)
                .put("auto_archive_duration", 1440).put("archive_timestamp", (thread.archived() ? ARCHIVED_AT : Instant.now()).toString())
                .put("create_timestamp", Instant.now().toString());
        return t;
    }

    private ObjectNode user(String id, String name, boolean bot) {
        ObjectNode user = json.createObjectNode();
        user.put("id", id);
        user.put("username", name);
        user.put("global_name", name);
        user.put("discriminator", "0");
        user.putNull("avatar");
        user.put("bot", bot);
        user.put("flags", 0);
        return user;
    }

    private ObjectNode member(String id, String name, boolean bot) {
        ObjectNode member = json.createObjectNode();
        member.set("user", user(id, name, bot));
        ArrayNode roles = member.putArray("roles");
        rolesOf(id).forEach(roles::add);
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        return member;
    }

    private Member find(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- events a test dispatches

    public String sendMessage(String channelId, String authorId, String content, String replyToId) {
        String id = nextId();
        dispatch("MESSAGE_CREATE", message(id, channelId, authorId, content, replyToId, false));
        return id;
    }

    /**
     * A message said at the given time, before the bot was there or while it was away: in the
     * channel's history (GET /channels/{id}/messages), never dispatched. Its id holds its time.
     */
    public String historyMessage(String channelId, String authorId, String content, String replyToId, Instant at) {
        String id = Long.toString(((at.toEpochMilli() - DISCORD_EPOCH) << 22) + (ids.incrementAndGet() & 0x3FFFFF));
        message(id, channelId, authorId, content, replyToId, false);
        return id;
    }

    /** GET requests for a channel's (or thread's) messages so far: what backfill asked Discord. */
    public long historyRequests(String channelId) {
        return calls.stream().filter(c -> c.method().equals("GET") && c.path().equals("/api/v10/channels/" + channelId + "/messages")).count();
    }

    /** Requests answered 429 because the client did not follow the rate-limit headers. */
    public int rateLimited() {
        return rateLimited.get();
    }

    /** A member edits a message: MESSAGE_UPDATE with the whole message, as Discord sends it (what it replies to and its reactions kept). */
    public void editMessage(String channelId, String messageId, String authorId, String content) {
        ObjectNode before = created.get(messageId);
        String replyTo = before == null ? null : before.path("message_reference").path("message_id").asText(null);
        ObjectNode edited = message(messageId, channelId, authorId, content, replyTo, true);
        if (before != null && before.has("reactions")) {
            edited.set("reactions", before.get("reactions").deepCopy());
        }
        dispatch("MESSAGE_UPDATE", edited);
    }

    public void bulkDelete(String channelId, List<String> messageIds) {
        ObjectNode data = json.createObjectNode().put("channel_id", channelId).put("guild_id", guildId);
        ArrayNode ids = data.putArray("ids");
        messageIds.forEach(ids::add);
        messageIds.forEach(created::remove);
        dispatch("MESSAGE_DELETE_BULK", data);
    }

    public void deleteMessage(String channelId, String messageId) {
        ObjectNode data = json.createObjectNode().put("id", messageId).put("channel_id", channelId).put("guild_id", guildId);
        created.remove(messageId);
        dispatch("MESSAGE_DELETE", data);
    }

    /** Discord deleted a channel (CHANNEL_DELETE). */
    public void deleteChannel(String channelId) {
        created.values().removeIf(m -> channelId.equals(m.path("channel_id").asText()));
        dispatch("CHANNEL_DELETE", json.createObjectNode().put("id", channelId).put("type", 0).put("guild_id", guildId)
                .put("name", "deleted").put("position", 0));
    }

    /** Discord deleted a thread (THREAD_DELETE). */
    public void deleteThread(String threadId, String parentId) {
        created.values().removeIf(m -> threadId.equals(m.path("channel_id").asText()));
        dispatch("THREAD_DELETE", json.createObjectNode().put("id", threadId).put("type", 11).put("guild_id", guildId)
                .put("parent_id", parentId));
    }

    /** The interaction's reply: the deferral's edit, or an immediate reply; null until there is one. */
    public JsonNode interactionReply(String interactionId) {
        for (Call call : calls) {
            if (call.method().equals("PATCH") && call.path().equals("/api/v10/webhooks/" + BOT_ID + "/interaction-token-" + interactionId
                    + "/messages/@original")) {
                return call.body();
            }
            if (call.path().startsWith("/api/v10/interactions/" + interactionId + "/") && call.body() != null
                    && call.body().path("type").asInt() == 4) {
                return call.body().path("data");
            }
        }
        return null;
    }

    /** Dispatches /ask question:... and returns the interaction id. */
    public String askSlash(String channelId, String userId, String question) {
        return askSlash(channelId, userId, question, null);
    }

    /** Dispatches /ask question:... private:... (when not null) and returns the interaction id. */
    public String askSlash(String channelId, String userId, String question, Boolean onlyMe) {
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("question", question);
        if (onlyMe != null) {
            options.put("private", onlyMe);
        }
        return slash(channelId, userId, "ask", null, options);
    }

    /** A channel given as a slash command option (type 7). */
    public record ChannelOption(String id) {
    }

    /**
     * Dispatches /name [subcommand] with options (a String is type 3, a Boolean type 5, a
     * ChannelOption type 7 with its resolved channel) and returns the interaction id.
     */
    public String slash(String channelId, String userId, String name, String subcommand, Map<String, Object> values) {
        ObjectNode data = interaction(2, channelId, userId);
        String id = data.path("id").asText();
        ObjectNode command = data.putObject("data");
        command.put("id", "2000000000000000001");
        command.put("name", name);
        command.put("type", 1);
        ArrayNode options = command.putArray("options");
        if (subcommand != null) {
            // a subcommand is itself an option (type 1) holding the options
            options = options.addObject().put("name", subcommand).put("type", 1).putArray("options");
        }
        for (Map.Entry<String, Object> option : values.entrySet()) {
            ObjectNode o = options.addObject().put("name", option.getKey());
            if (option.getValue() instanceof Boolean b) {
                o.put("type", 5).put("value", b);
            } else if (option.getValue() instanceof ChannelOption c) {
                o.put("type", 7).put("value", c.id());
                String channelName = channels.stream().filter(ch -> ch.id().equals(c.id())).map(Channel::name).findFirst().orElse("gone");
                ObjectNode resolved = command.has("resolved") ? (ObjectNode) command.get("resolved") : command.putObject("resolved");
                ObjectNode resolvedChannels = resolved.has("channels") ? (ObjectNode) resolved.get("channels") : resolved.putObject("channels");
                resolvedChannels.putObject(c.id()).put("id", c.id()).put("type", 0).put("name", channelName)
                        .put("permissions", Long.toString(EVERYONE));
            } else {
                o.put("type", 3).put("value", option.getValue().toString());
            }
        }
        dispatch("INTERACTION_CREATE", data);
        return id;
    }

    /** What every interaction carries, as Discord sends it: who, where, and a token to answer with. */
    private ObjectNode interaction(int type, String channelId, String userId) {
        String id = nextId();
        ObjectNode data = json.createObjectNode();
        data.put("id", id);
        data.put("application_id", BOT_ID);
        data.put("type", type);
        data.put("token", "interaction-token-" + id);
        data.put("version", 1);
        data.put("guild_id", guildId);
        data.put("channel_id", channelId);
        Thread inThread = threads.stream().filter(t -> t.id().equals(channelId)).findFirst().orElse(null);
        if (inThread != null) {
            // used in a thread (a forum post's): the interaction's channel is the thread, with its parent
            data.set("channel", thread(inThread));
        } else {
            data.putObject("channel").put("id", channelId).put("type", 0).put("guild_id", guildId)
                    .put("name", channels.stream().filter(c -> c.id().equals(channelId)).findFirst().orElseThrow().name());
        }
        ObjectNode member = member(userId, find(userId).name(), false);
        member.put("permissions", Long.toString(EVERYONE));
        data.set("member", member);
        data.put("app_permissions", Long.toString(EVERYONE));
        data.put("locale", "en-US");
        data.put("guild_locale", "en-US");
        data.putArray("entitlements");
        data.put("context", 0);
        data.putObject("authorizing_integration_owners").put("0", guildId);
        ObjectNode partialGuild = data.putObject("guild").put("id", guildId).put("locale", "en-US");
        partialGuild.putArray("features");
        return data;
    }

    /**
     * A message the bot posted at a past time (an earlier run), with buttons: one action row of these custom ids,
     * as Discord keeps it. Returns its id, a snowflake of that time.
     */
    public String pastBotMessage(String channelId, String content, Instant at, String... buttonIds) {
        String id = historyMessage(channelId, BOT_ID, content, null, at);
        ArrayNode row = created.get(id).putArray("components").addObject().put("type", 1).putArray("components");
        for (String buttonId : buttonIds) {
            row.addObject().put("type", 2).put("style", 1).put("label", buttonId).put("custom_id", buttonId);
        }
        return id;
    }

    /** The buttons (custom ids) on a message the bot sent, in order; empty when it has none. */
    public List<String> buttons(String messageId) {
        List<String> ids = new ArrayList<>();
        ObjectNode message = created.get(messageId);
        if (message != null) {
            for (JsonNode row : message.path("components")) {
                for (JsonNode component : row.path("components")) {
                    if (component.path("type").asInt() == 2) {
                        ids.add(component.path("custom_id").asText());
                    }
                }
            }
        }
        return ids;
    }

    /**
     * A member presses a button on a message (INTERACTION_CREATE type 3, MESSAGE_COMPONENT, with the message and
     * data.custom_id, as Discord sends it); returns the interaction id. Also POST /_control/click.
     */
    public String click(String messageId, String userId, String customId) {
        ObjectNode message = created.get(messageId);
        if (message == null || !buttons(messageId).contains(customId)) {
            throw new IllegalArgumentException("message " + messageId + " has no button " + customId);
        }
        ObjectNode data = interaction(3, message.path("channel_id").asText(), userId);
        data.set("message", message.deepCopy());
        data.putObject("data").put("custom_id", customId).put("component_type", 2);
        dispatch("INTERACTION_CREATE", data);
        return data.path("id").asText();
    }

    /**
     * A member picks a message command (Apps → name) on a message: INTERACTION_CREATE type 2 whose data has type 3 (MESSAGE),
     * the target_id and the message itself under resolved.messages, as Discord sends it. Returns the interaction id.
     */
    public String messageCommand(String messageId, String userId, String name) {
        ObjectNode message = created.get(messageId);
        if (message == null) {
            throw new IllegalArgumentException("no message " + messageId);
        }
        ObjectNode data = interaction(2, message.path("channel_id").asText(), userId);
        ObjectNode command = data.putObject("data").put("id", "2000000000000000002").put("name", name).put("type", 3)
                .put("target_id", messageId);
        command.putObject("resolved").putObject("messages").set(messageId, message.deepCopy());
        dispatch("INTERACTION_CREATE", data);
        return data.path("id").asText();
    }

    /** A member submits a modal (type 5): each text input (custom id → value) inside a label, as Discord sends it. */
    public String submitModal(String channelId, String userId, String modalId, Map<String, String> values) {
        ObjectNode data = interaction(5, channelId, userId);
        ObjectNode submitted = data.putObject("data").put("custom_id", modalId);
        ArrayNode components = submitted.putArray("components");
        int uniqueId = 1;
        for (Map.Entry<String, String> value : values.entrySet()) {
            ObjectNode label = components.addObject().put("type", 18).put("id", uniqueId++);
            label.putObject("component").put("type", 4).put("id", uniqueId++).put("custom_id", value.getKey()).put("value", value.getValue());
        }
        dispatch("INTERACTION_CREATE", data);
        return data.path("id").asText();
    }

    /** How the bot answered an interaction: the callback's body (type 4 a message, 6 a deferred update, 9 a modal); null until it has. */
    public JsonNode interactionCallback(String interactionId) {
        for (Call call : calls) {
            if (call.method().equals("POST") && call.path().startsWith("/api/v10/interactions/" + interactionId + "/")) {
                return call.body();
            }
        }
        return null;
    }

    private ObjectNode message(String id, String channelId, String authorId, String content, String replyToId, boolean edited) {
        Member author = authorId.equals(BOT_ID) ? new Member(BOT_ID, "rtfm", true) : find(authorId);
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("channel_id", channelId);
        message.put("guild_id", guildId);
        message.set("author", user(author.id(), author.name(), author.bot()));
        ObjectNode member = message.putObject("member");
        ArrayNode roles = member.putArray("roles");
        author.roles().forEach(roles::add);
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        message.put("content", content);
        // a snowflake holds its time: history messages are as old as their ids say
        message.put("timestamp", Instant.ofEpochMilli((Long.parseLong(id) >> 22) + DISCORD_EPOCH).toString());
        if (edited) {
            message.put("edited_timestamp", Instant.now().toString());
        } else {
            message.putNull("edited_timestamp");
        }
        message.put("tts", false);
        message.put("mention_everyone", false);
        // as Discord does: a user object for each member the text mentions (<@id> or <@!id>)
        ArrayNode mentions = message.putArray("mentions");
        java.util.regex.Matcher mentioned = java.util.regex.Pattern.compile("<@!?(\\d+)>").matcher(content);
        while (mentioned.find()) {
            String userId = mentioned.group(1);
            if (userId.equals(BOT_ID)) {
                mentions.add(user(BOT_ID, "rtfm", true));
            }
            members.stream().filter(m -> m.id().equals(userId)).findFirst().ifPresent(m -> mentions.add(user(m.id(), m.name(), m.bot())));
        }
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.put("pinned", false);
        message.put("type", replyToId == null ? 0 : 19);
        message.put("flags", 0);
        if (replyToId != null) {
            message.putObject("message_reference").put("type", 0).put("message_id", replyToId).put("channel_id", channelId)
                    .put("guild_id", guildId);
            // Discord sends the message replied to along with a reply
            ObjectNode referenced = created.get(replyToId);
            if (referenced != null) {
                message.set("referenced_message", referenced.deepCopy());
            }
        }
        created.put(id, message);
        return message;
    }

    // ---- REST

    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");
    private static final Pattern CHANNEL = Pattern.compile("/api/v10/channels/(\\d+)");
    private static final Pattern TYPING = Pattern.compile("/api/v10/channels/(\\d+)/typing");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/api/v10/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern OWN_REACTION = Pattern.compile("/api/v10/channels/(\\d+)/messages/(\\d+)/reactions/([^/]+)/@me");
    private static final Pattern COMMANDS = Pattern.compile("/api/v10/applications/(\\d+)/commands");
    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK_EDIT = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern THREAD_MEMBER = Pattern.compile("/api/v10/channels/(\\d+)/thread-members/(\\d+)");
    private static final Pattern WEBHOOK_SEND = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)");
    private static final Pattern GUILD_MEMBER = Pattern.compile("/api/v10/guilds/(\\d+)/members/(\\d+)");
    private static final Pattern ARCHIVED_PUBLIC = Pattern.compile("/api/v10/channels/(\\d+)/threads/archived/public");
    /** Discord's per-route bucket for reading a channel's messages, as its headers describe it: this many per window. */
    static final int HISTORY_LIMIT = 5;
    /** When the archived threads were archived. */
    private static final Instant ARCHIVED_AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final long HISTORY_WINDOW_MS = 1000;

    private void rest(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String method = request.method().name();
            String path = request.path();
            JsonNode body = null;
            try {
                body = buffer.length() == 0 ? null : json.readTree(buffer.toString());
            } catch (Exception ignored) {
                // multipart or other non-JSON bodies are recorded without a body
            }
            calls.add(new Call(method, path, body));
            Matcher m;
            if (method.equals("POST") && path.equals("/_control/click")) {
                // a test (or a person with curl) presses a button as a member: {message_id, user_id, custom_id}
                try {
                    String interaction = click(body.path("message_id").asText(), body.path("user_id").asText(), body.path("custom_id").asText());
                    reply(request, 200, json.createObjectNode().put("interaction_id", interaction));
                } catch (RuntimeException e) {
                    reply(request, 400, json.createObjectNode().put("message", String.valueOf(e.getMessage())));
                }
            } else if (path.startsWith("/oauth2/") || path.startsWith("/api/v10/oauth2/")
                    || (path.startsWith("/api/v10/users/@me") && String.valueOf(request.getHeader("Authorization")).startsWith("Bearer "))) {
                oauth(request, method, path, buffer.toString());
            } else if (method.equals("GET") && (m = GUILD_MEMBER.matcher(path)).matches()) {
                String userId = m.group(2);
                boolean known = userId.equals(BOT_ID) || members.stream().anyMatch(member -> member.id().equals(userId));
                if (m.group(1).equals(guildId) && known) {
                    reply(request, 200, member(userId, userId.equals(BOT_ID) ? "rtfm" : find(userId).name(), userId.equals(BOT_ID)));
                } else {
                    reply(request, 404, json.createObjectNode().put("message", "Unknown Member").put("code", 10007));
                }
            } else if (method.equals("GET") && path.equals("/api/v10/users/@me")) {
                reply(request, 200, user(BOT_ID, "rtfm", true));
            } else if (method.equals("GET") && path.equals("/api/v10/applications/@me")) {
                reply(request, 200, json.createObjectNode().put("id", BOT_ID).put("name", "rtfm").put("flags", 0));
            } else if (method.equals("GET") && path.equals("/api/v10/gateway/bot")) {
                ObjectNode gateway = json.createObjectNode().put("url", gatewayUrl()).put("shards", 1);
                gateway.putObject("session_start_limit").put("total", 1000).put("remaining", 999).put("reset_after", 0)
                        .put("max_concurrency", 1);
                reply(request, 200, gateway);
            } else if (method.equals("PUT") && (m = COMMANDS.matcher(path)).matches()) {
                ArrayNode registered = json.createArrayNode();
                if (body != null) {
                    for (JsonNode command : body) {
                        ObjectNode c = command.deepCopy();
                        c.put("id", "2000000000000000001").put("application_id", BOT_ID).put("version", "1")
                                .put("type", command.path("type").asInt(1));
                        registered.add(c);
                    }
                }
                reply(request, 200, registered);
            } else if (method.equals("GET") && (m = THREAD_MEMBER.matcher(path)).matches()) {
                String threadId = m.group(1);
                String userId = m.group(2);
                boolean isMember = threads.stream().anyMatch(t -> t.id().equals(threadId)
                        && (!t.isPrivate() || t.privateMembers().contains(userId) || userId.equals(BOT_ID)));
                if (isMember) {
                    ObjectNode threadMember = json.createObjectNode().put("id", threadId).put("user_id", userId)
                            .put("join_timestamp", Instant.now().toString()).put("flags", 0);
                    threadMember.set("member", member(userId, userId.equals(BOT_ID) ? "rtfm" : find(userId).name(), userId.equals(BOT_ID)));
                    reply(request, 200, threadMember);
                } else {
                    reply(request, 404, json.createObjectNode().put("message", "Unknown Member").put("code", 10007));
                }
            } else if (method.equals("PATCH") && (m = CHANNEL.matcher(path)).matches()) {
                editThread(request, m.group(1), body);
            } else if (method.equals("POST") && (m = TYPING.matcher(path)).matches()) {
                request.response().setStatusCode(204).end();
            } else if (method.equals("PUT") && (m = OWN_REACTION.matcher(path)).matches()) {
                // the bot reacts (✅ on a marked solution): the message carries it from now on, the bot's own (me)
                ObjectNode reacted = created.get(m.group(2));
                if (reacted != null) {
                    ObjectNode reaction = reacted.putArray("reactions").addObject().put("count", 1).put("me", true).put("me_burst", false);
                    reaction.putObject("count_details").put("burst", 0).put("normal", 1);
                    reaction.putArray("burst_colors");
                    reaction.putObject("emoji").putNull("id").put("name", java.net.URLDecoder.decode(m.group(3), StandardCharsets.UTF_8));
                }
                request.response().setStatusCode(204).end();
            } else if (method.equals("DELETE") && (m = CHANNEL_MESSAGE.matcher(path)).matches()) {
                // the bot deletes a message (its own): gone, and the gateway says so, as Discord does
                if (created.containsKey(m.group(2))) {
                    deleteMessage(m.group(1), m.group(2));
                    request.response().setStatusCode(204).end();
                } else {
                    reply(request, 404, json.createObjectNode().put("message", "Unknown Message").put("code", 10008));
                }
            } else if (method.equals("GET") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
                history(request, m.group(1));
            } else if (method.equals("GET") && (m = ARCHIVED_PUBLIC.matcher(path)).matches()) {
                ObjectNode listing = json.createObjectNode();
                ArrayNode archived = listing.putArray("threads");
                String parent = m.group(1);
                // newest archived first, those archived before the `before` timestamp when given (the next page)
                String before = request.getParam("before");
                threads.stream().filter(t -> t.archived() && !t.isPrivate() && t.parentId().equals(parent))
                        .filter(t -> before == null || ARCHIVED_AT.isBefore(java.time.OffsetDateTime.parse(before).toInstant()))
                        .forEach(t -> archived.add(thread(t)));
                listing.putArray("members");
                listing.put("has_more", false);
                reply(request, 200, listing);
            } else if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
                reply(request, 200, sentMessage(m.group(1), body));
            } else if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
                ObjectNode response = json.createObjectNode();
                response.putObject("interaction").put("id", m.group(1)).put("type", 2);
                response.putObject("resource").put("type", body == null ? 5 : body.path("type").asInt(5));
                reply(request, 200, response);
            } else if (method.equals("PATCH") && (m = WEBHOOK_EDIT.matcher(path)).matches()) {
                reply(request, 200, sentMessage(channels.get(0).id(), body));
            } else if (method.equals("POST") && (m = WEBHOOK_SEND.matcher(path)).matches()) {
                reply(request, 200, sentMessage(channels.get(0).id(), body));
            } else {
                reply(request, 404, json.createObjectNode().put("message", "Unknown route " + method + " " + path).put("code", 0));
            }
        });
    }

    /**
     * PATCH a thread: a forum post's applied_tags, which needs Manage Threads unless the bot owns the post
     * (as Discord checks it). The gateway then sends THREAD_UPDATE, as Discord does.
     */
    private void editThread(HttpServerRequest request, String threadId, JsonNode body) {
        Thread thread = threads.stream().filter(t -> t.id().equals(threadId)).findFirst().orElse(null);
        if (thread == null || body == null || !body.has("applied_tags")) {
            reply(request, 400, json.createObjectNode().put("message", "Invalid Form Body").put("code", 50035));
            return;
        }
        if (!threadManagerIn.contains(thread.parentId()) && !BOT_ID.equals(postOwners.get(threadId))) {
            reply(request, 403, json.createObjectNode().put("message", "Missing Permissions").put("code", 50013));
            return;
        }
        List<String> tags = new java.util.ArrayList<>();
        body.get("applied_tags").forEach(tag -> tags.add(tag.asText()));
        appliedTags.put(threadId, List.copyOf(tags));
        ObjectNode updated = thread(thread);
        reply(request, 200, updated);
        dispatch("THREAD_UPDATE", updated);
    }

    /**
     * OAuth2 as Discord documents it: GET /oauth2/authorize shows an "Authorize" button (for the member
     * set with authorizeAs); pressing it redirects to redirect_uri with a one-time code and the state;
     * POST oauth2/token trades the code (with the client's id and secret and the same redirect_uri) for a
     * bearer token; users/@me and users/@me/guilds answer to that token.
     */
    private void oauth(HttpServerRequest request, String method, String path, String body) {
        java.util.Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        if (method.equals("GET") && path.equals("/oauth2/authorize")) {
            boolean valid = "code".equals(request.getParam("response_type")) && java.util.Objects.equals(clientId, request.getParam("client_id"))
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
        } else if (method.equals("POST") && path.equals("/oauth2/authorize")) {
            String code = "code-" + nextId();
            codes.put(code, authorizingMember + " " + form.get("redirect_uri"));
            request.response().setStatusCode(302).putHeader("Location", form.get("redirect_uri") + "?code=" + code + "&state="
                    + java.net.URLEncoder.encode(form.get("state"), java.nio.charset.StandardCharsets.UTF_8)).end();
        } else if (method.equals("POST") && path.equals("/api/v10/oauth2/token")) {
            String issued = codes.remove(String.valueOf(form.get("code")));
            boolean valid = issued != null && "authorization_code".equals(form.get("grant_type")) && clientId.equals(form.get("client_id"))
                    && clientSecret.equals(form.get("client_secret")) && issued.endsWith(" " + form.get("redirect_uri"));
            if (!valid) {
                reply(request, 400, json.createObjectNode().put("error", "invalid_grant"));
                return;
            }
            String token = "user-token-" + nextId();
            bearerTokens.put(token, issued.substring(0, issued.indexOf(' ')));
            reply(request, 200, json.createObjectNode().put("access_token", token).put("token_type", "Bearer").put("expires_in", 604800)
                    .put("refresh_token", "refresh-" + token).put("scope", "identify guilds"));
        } else {
            String memberId = bearerTokens.get(request.getHeader("Authorization").substring("Bearer ".length()));
            if (memberId == null) {
                reply(request, 401, json.createObjectNode().put("message", "401: Unauthorized").put("code", 0));
            } else if (path.equals("/api/v10/users/@me")) {
                reply(request, 200, user(memberId, find(memberId).name(), false));
            } else {
                ArrayNode guilds = json.createArrayNode();
                boolean owner = members.get(0).id().equals(memberId);
                boolean manager = rolesOf(memberId).stream().anyMatch(managerRoles::contains);
                guilds.addObject().put("id", guildId).put("name", "Fake Guild").put("owner", owner)
                        .put("permissions", Long.toString(EVERYONE | (owner || manager ? MANAGE_GUILD : 0)));
                reply(request, 200, guilds);
            }
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    /**
     * GET /channels/{id}/messages as Discord documents it: at most {@code limit} (default 50, max
     * 100) messages, newest first; {@code before} the ones older than an id, {@code after} the ones
     * right after an id (still newest first). Each answer carries the bucket's rate-limit headers,
     * and a client that ignores them gets 429.
     */
    private void history(HttpServerRequest request, String channelId) {
        long now = System.currentTimeMillis();
        java.util.Deque<Long> window = historyWindows.computeIfAbsent(channelId, c -> new java.util.ArrayDeque<>());
        int remaining;
        long resetAt;
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - HISTORY_WINDOW_MS) {
                window.pollFirst();
            }
            if (window.size() >= HISTORY_LIMIT) {
                rateLimited.incrementAndGet();
                double retryAfter = (window.peekFirst() + HISTORY_WINDOW_MS - now) / 1000.0;
                rateLimitHeaders(request, 0, window.peekFirst() + HISTORY_WINDOW_MS, channelId);
                reply(request, 429, json.createObjectNode().put("message", "You are being rate limited.").put("retry_after", retryAfter)
                        .put("global", false));
                return;
            }
            window.addLast(now);
            remaining = HISTORY_LIMIT - window.size();
            resetAt = window.peekFirst() + HISTORY_WINDOW_MS;
        }
        int limit = Math.min(100, Integer.parseInt(java.util.Optional.ofNullable(request.getParam("limit")).orElse("50")));
        String before = request.getParam("before");
        String after = request.getParam("after");
        java.util.Comparator<ObjectNode> byId = java.util.Comparator.comparing(n -> Long.parseLong(n.path("id").asText()));
        List<ObjectNode> inChannel = created.values().stream().filter(n -> channelId.equals(n.path("channel_id").asText()))
                .sorted(byId).toList();
        List<ObjectNode> page;
        if (after != null) {
            page = inChannel.stream().filter(n -> Long.parseLong(n.path("id").asText()) > Long.parseLong(after)).limit(limit).toList();
        } else {
            List<ObjectNode> older = inChannel.stream()
                    .filter(n -> before == null || Long.parseLong(n.path("id").asText()) < Long.parseLong(before)).toList();
            page = older.subList(Math.max(0, older.size() - limit), older.size());
        }
        ArrayNode newestFirst = json.createArrayNode();
        for (int i = page.size() - 1; i >= 0; i--) {
            newestFirst.add(page.get(i));
        }
        rateLimitHeaders(request, remaining, resetAt, channelId);
        reply(request, 200, newestFirst);
    }

    private void rateLimitHeaders(HttpServerRequest request, int remaining, long resetAtMs, String channelId) {
        request.response().putHeader("X-RateLimit-Limit", Integer.toString(HISTORY_LIMIT))
                .putHeader("X-RateLimit-Remaining", Integer.toString(remaining))
                .putHeader("X-RateLimit-Reset", String.format(java.util.Locale.ROOT, "%.3f", resetAtMs / 1000.0))
                .putHeader("X-RateLimit-Reset-After", String.format(java.util.Locale.ROOT, "%.3f",
                        Math.max(0, resetAtMs - System.currentTimeMillis()) / 1000.0))
                .putHeader("X-RateLimit-Bucket", "channel-messages-" + channelId);
        if (remaining == 0) {
            request.response().putHeader("X-RateLimit-Scope", "user");
        }
    }

    private ObjectNode sentMessage(String channelId, JsonNode body) {
        String replyTo = body == null ? null : body.path("message_reference").path("message_id").asText(null);
        ObjectNode sent = message(nextId(), channelId, BOT_ID, body == null ? "" : body.path("content").asText(""), replyTo, false);
        sent.remove("member");
        // buttons stay on the message, where a member can press them
        if (body != null && body.path("components").isArray()) {
            sent.set("components", body.get("components").deepCopy());
        }
        return sent;
    }

    /** The id of the bot's first message replying to the given one, or null. */
    public String botReplyTo(String messageId) {
        return created.values().stream()
                .filter(m -> BOT_ID.equals(m.path("author").path("id").asText()))
                .filter(m -> messageId.equals(m.path("message_reference").path("message_id").asText()))
                .map(m -> m.path("id").asText()).findFirst().orElse(null);
    }

    private void reply(HttpServerRequest request, int status, JsonNode body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    /**
     * The bot's answer to a question message, part by part: its reply, then the bot's messages that follow it in
     * that channel without replying to anything (a split answer's later parts); empty until it replies.
     */
    public List<String> answerParts(String questionId) {
        String first = botReplyTo(questionId);
        if (first == null) {
            return List.of();
        }
        String channel = created.get(first).path("channel_id").asText();
        List<ObjectNode> after = created.values().stream().filter(n -> channel.equals(n.path("channel_id").asText()))
                .filter(n -> Long.parseLong(n.path("id").asText()) > Long.parseLong(first))
                .sorted(java.util.Comparator.comparing(n -> Long.parseLong(n.path("id").asText()))).toList();
        List<String> parts = new ArrayList<>(List.of(first));
        for (ObjectNode next : after) {
            if (!BOT_ID.equals(next.path("author").path("id").asText()) || next.has("message_reference")) {
                break;
            }
            parts.add(next.path("id").asText());
        }
        return parts;
    }

    /** The messages the bot sent: channel posts and interaction edits and follow-ups. */
    public List<Call> sentMessages() {
        List<Call> sent = new ArrayList<>();
        for (Call call : calls) {
            boolean post = call.method().equals("POST") && CHANNEL_MESSAGES.matcher(call.path()).matches();
            boolean webhook = (call.method().equals("PATCH") && WEBHOOK_EDIT.matcher(call.path()).matches())
                    || (call.method().equals("POST") && call.path().startsWith("/api/v10/webhooks/"));
            if (post || webhook) {
                sent.add(call);
            }
        }
        return sent;
    }

    @Override
    public void close() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

}
