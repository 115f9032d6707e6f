package routes.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import routes.testing.discord.FakeDiscord.Call;
import routes.testing.discord.FakeDiscord.Thread;

/** Discord's REST API v10, as much of it as the bot uses: each call recorded, then answered in Discord's shapes. */
final class FakeRest {

    static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");
    static final Pattern WEBHOOK_EDIT = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern CHANNEL = Pattern.compile("/api/v10/channels/(\\d+)");
    private static final Pattern TYPING = Pattern.compile("/api/v10/channels/(\\d+)/typing");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/api/v10/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern OWN_REACTION = Pattern.compile("/api/v10/channels/(\\d+)/messages/(\\d+)/reactions/([^/]+)/@me");
    private static final Pattern COMMANDS = Pattern.compile("/api/v10/applications/(\\d+)/commands");
    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern THREAD_MEMBER = Pattern.compile("/api/v10/channels/(\\d+)/thread-members/(\\d+)");
    private static final Pattern WEBHOOK_SEND = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)");
    private static final Pattern GUILD_MEMBER = Pattern.compile("/api/v10/guilds/(\\d+)/members/(\\d+)");
    private static final Pattern ARCHIVED_PUBLIC = Pattern.compile("/api/v10/channels/(\\d+)/threads/archived/public");

    private final DiscordState state;
    private final DiscordJson json;
    private final FakeGateway gateway;
    private final FakeGuild guild;
    private final FakeInteractions interactions;
    private final FakeOAuth oauth;
    private final ChannelHistory history;
    private final Supplier<String> gatewayUrl;

    FakeRest(DiscordState state, DiscordJson json, FakeGateway gateway, FakeGuild guild, FakeInteractions interactions,
            FakeOAuth oauth, ChannelHistory history, Supplier<String> gatewayUrl) {
        this.state = state;
        this.json = json;
        this.gateway = gateway;
        this.guild = guild;
        this.interactions = interactions;
        this.oauth = oauth;
        this.history = history;
        this.gatewayUrl = gatewayUrl;
    }

    static void reply(HttpServerRequest request, int status, JsonNode body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            JsonNode body = null;
            try {
                body = buffer.length() == 0 ? null : json.json.readTree(buffer.toString());
            } catch (Exception ignored) {
                // multipart or other non-JSON bodies are recorded without a body
            }
            state.calls.add(new Call(request.method().name(), request.path(), body));
            if (FakeOAuth.handles(request)) {
                oauth.handle(request, buffer.toString());
            } else {
                route(request, request.method().name(), request.path(), body);
            }
        });
    }

    private void route(HttpServerRequest request, String method, String path, JsonNode body) {
        Matcher m;
        if (method.equals("POST") && path.equals("/_control/click")) {
            click(request, body);
        } else if (method.equals("GET") && (m = GUILD_MEMBER.matcher(path)).matches()) {
            boolean known = m.group(1).equals(state.guildId)
                    && (m.group(2).equals(FakeDiscord.BOT_ID) || state.member(m.group(2)).isPresent());
            reply(request, known ? 200 : 404, known ? json.member(m.group(2)) : json.error("Unknown Member", 10007));
        } else if (method.equals("GET") && path.equals("/api/v10/users/@me")) {
            reply(request, 200, json.user(FakeDiscord.BOT_ID, "rtfm", true));
        } else if (method.equals("GET") && path.equals("/api/v10/applications/@me")) {
            reply(request, 200, json.object().put("id", FakeDiscord.BOT_ID).put("name", "rtfm").put("flags", 0));
        } else if (method.equals("GET") && path.equals("/api/v10/gateway/bot")) {
            ObjectNode bot = json.object().put("url", gatewayUrl.get()).put("shards", 1);
            bot.putObject("session_start_limit").put("total", 1000).put("remaining", 999).put("reset_after", 0).put("max_concurrency", 1);
            reply(request, 200, bot);
        } else if (method.equals("PUT") && COMMANDS.matcher(path).matches()) {
            registerCommands(request, body);
        } else if (method.equals("GET") && (m = THREAD_MEMBER.matcher(path)).matches()) {
            threadMember(request, m.group(1), m.group(2));
        } else if (method.equals("PATCH") && (m = CHANNEL.matcher(path)).matches()) {
            editThread(request, m.group(1), body);
        } else if (method.equals("POST") && TYPING.matcher(path).matches()) {
            request.response().setStatusCode(204).end();
        } else if (method.equals("PUT") && (m = OWN_REACTION.matcher(path)).matches()) {
            guild.botReacted(m.group(2), URLDecoder.decode(m.group(3), StandardCharsets.UTF_8));
            request.response().setStatusCode(204).end();
        } else if (method.equals("DELETE") && (m = CHANNEL_MESSAGE.matcher(path)).matches()) {
            // the bot deletes a message (its own): gone, and the gateway says so, as Discord does
            if (state.created.containsKey(m.group(2))) {
                guild.deleteMessage(m.group(1), m.group(2));
                request.response().setStatusCode(204).end();
            } else {
                reply(request, 404, json.error("Unknown Message", 10008));
            }
        } else if (method.equals("GET") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            history.messages(request, m.group(1));
        } else if (method.equals("GET") && (m = ARCHIVED_PUBLIC.matcher(path)).matches()) {
            history.archivedThreads(request, m.group(1));
        } else if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            reply(request, 200, guild.botSent(m.group(1), body));
        } else if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            ObjectNode response = json.object();
            response.putObject("interaction").put("id", m.group(1)).put("type", 2);
            response.putObject("resource").put("type", body == null ? 5 : body.path("type").asInt(5));
            reply(request, 200, response);
        } else if ((method.equals("PATCH") && WEBHOOK_EDIT.matcher(path).matches()) || (method.equals("POST") && WEBHOOK_SEND.matcher(path).matches())) {
            reply(request, 200, guild.botSent(state.channels.get(0).id(), body));
        } else {
            reply(request, 404, json.error("Unknown route " + method + " " + path, 0));
        }
    }

    /** A test (or a person with curl) presses a button as a member: {message_id, user_id, custom_id}. */
    private void click(HttpServerRequest request, JsonNode body) {
        try {
            String interaction = interactions.click(body.path("message_id").asText(), body.path("user_id").asText(),
                    body.path("custom_id").asText());
            reply(request, 200, json.object().put("interaction_id", interaction));
        } catch (RuntimeException e) {
            reply(request, 400, json.object().put("message", String.valueOf(e.getMessage())));
        }
    }

    private void registerCommands(HttpServerRequest request, JsonNode body) {
        ArrayNode registered = json.json.createArrayNode();
        for (JsonNode command : body == null ? json.json.createArrayNode() : body) {
            ObjectNode c = command.deepCopy();
            c.put("id", "2000000000000000001").put("application_id", FakeDiscord.BOT_ID).put("version", "1")
                    .put("type", command.path("type").asInt(1));
            registered.add(c);
        }
        reply(request, 200, registered);
    }

    private void threadMember(HttpServerRequest request, String threadId, String userId) {
        boolean isMember = state.thread(threadId)
                .filter(t -> !t.isPrivate() || t.privateMembers().contains(userId) || userId.equals(FakeDiscord.BOT_ID)).isPresent();
        if (isMember) {
            ObjectNode threadMember = json.object().put("id", threadId).put("user_id", userId)
                    .put("join_timestamp", Instant.now().toString()).put("flags", 0);
            threadMember.set("member", json.member(userId));
            reply(request, 200, threadMember);
        } else {
            reply(request, 404, json.error("Unknown Member", 10007));
        }
    }

    /**
     * PATCH a thread: a forum post's applied_tags, which needs Manage Threads unless the bot owns the post
     * (as Discord checks it). The gateway then sends THREAD_UPDATE, as Discord does.
     */
    private void editThread(HttpServerRequest request, String threadId, JsonNode body) {
        Thread thread = state.thread(threadId).orElse(null);
        if (thread == null || body == null || !body.has("applied_tags")) {
            reply(request, 400, json.error("Invalid Form Body", 50035));
            return;
        }
        if (!state.threadManagerIn.contains(thread.parentId()) && !FakeDiscord.BOT_ID.equals(state.postOwners.get(threadId))) {
            reply(request, 403, json.error("Missing Permissions", 50013));
            return;
        }
        List<String> tags = new ArrayList<>();
        body.get("applied_tags").forEach(tag -> tags.add(tag.asText()));
        state.appliedTags.put(threadId, List.copyOf(tags));
        ObjectNode updated = json.thread(thread);
        reply(request, 200, updated);
        gateway.dispatch("THREAD_UPDATE", updated);
    }
}
