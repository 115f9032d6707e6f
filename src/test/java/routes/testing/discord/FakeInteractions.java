package routes.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import routes.testing.discord.FakeDiscord.Call;
import routes.testing.discord.FakeDiscord.Thread;

/**
 * Members using the bot's commands and components, as INTERACTION_CREATE carries them (slash
 * commands, message commands, button clicks, modal submits), and how the bot answered each.
 */
public record FakeInteractions(DiscordState state, DiscordJson json, FakeGateway gateway, BotActivity bot) {

    /** A channel given as a slash command option (type 7). */
    public record ChannelOption(String id) {
    }

    /** Dispatches /ask question:... and returns the interaction id. */
    public String askSlash(String channelId, String userId, String question) {
        return askSlash(channelId, userId, question, null);
    }

    /** Dispatches /ask question:... private:... (when not null) and returns the interaction id. */
    public String askSlash(String channelId, String userId, String question, Boolean onlyMe) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("question", question);
        if (onlyMe != null) {
            options.put("private", onlyMe);
        }
        return slash(channelId, userId, "ask", null, options);
    }

    /**
     * Dispatches /name [subcommand] with options (a String is type 3, a Boolean type 5, a
     * ChannelOption type 7 with its resolved channel) and returns the interaction id.
     */
    public String slash(String channelId, String userId, String name, String subcommand, Map<String, Object> values) {
        ObjectNode data = interaction(2, channelId, userId);
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
                ObjectNode resolved = command.has("resolved") ? (ObjectNode) command.get("resolved") : command.putObject("resolved");
                ObjectNode channels = resolved.has("channels") ? (ObjectNode) resolved.get("channels") : resolved.putObject("channels");
                channels.putObject(c.id()).put("id", c.id()).put("type", 0).put("name", state.channelName(c.id()))
                        .put("permissions", Long.toString(Permissions.EVERYONE));
            } else {
                o.put("type", 3).put("value", option.getValue().toString());
            }
        }
        return send(data);
    }

    /**
     * A member presses a button on a message (INTERACTION_CREATE type 3, MESSAGE_COMPONENT, with the message and
     * data.custom_id, as Discord sends it); returns the interaction id. Also POST /_control/click.
     */
    public String click(String messageId, String userId, String customId) {
        ObjectNode message = state.created.get(messageId);
        if (message == null || !bot.buttons(messageId).contains(customId)) {
            throw new IllegalArgumentException("message " + messageId + " has no button " + customId);
        }
        ObjectNode data = interaction(3, message.path("channel_id").asText(), userId);
        data.set("message", message.deepCopy());
        data.putObject("data").put("custom_id", customId).put("component_type", 2);
        return send(data);
    }

    /**
     * A member picks a message command (Apps → name) on a message: INTERACTION_CREATE type 2 whose data has type 3 (MESSAGE),
     * the target_id and the message itself under resolved.messages, as Discord sends it. Returns the interaction id.
     */
    public String messageCommand(String messageId, String userId, String name) {
        ObjectNode message = state.created.get(messageId);
        if (message == null) {
            throw new IllegalArgumentException("no message " + messageId);
        }
        ObjectNode data = interaction(2, message.path("channel_id").asText(), userId);
        ObjectNode command = data.putObject("data").put("id", "2000000000000000002").put("name", name).put("type", 3)
                .put("target_id", messageId);
        command.putObject("resolved").putObject("messages").set(messageId, message.deepCopy());
        return send(data);
    }

    /** A member submits a modal (type 5): each text input (custom id → value) inside a label, as Discord sends it. */
    public String submitModal(String channelId, String userId, String modalId, Map<String, String> values) {
        ObjectNode data = interaction(5, channelId, userId);
        ArrayNode components = data.putObject("data").put("custom_id", modalId).putArray("components");
        int uniqueId = 1;
        for (Map.Entry<String, String> value : values.entrySet()) {
            ObjectNode label = components.addObject().put("type", 18).put("id", uniqueId++);
            label.putObject("component").put("type", 4).put("id", uniqueId++).put("custom_id", value.getKey()).put("value", value.getValue());
        }
        return send(data);
    }

    /** The interaction's reply: the deferral's edit, or an immediate reply; null until there is one. */
    public JsonNode reply(String interactionId) {
        String edit = "/api/v10/webhooks/" + FakeDiscord.BOT_ID + "/interaction-token-" + interactionId + "/messages/@original";
        for (Call call : state.calls) {
            if (call.method().equals("PATCH") && call.path().equals(edit)) {
                return call.body();
            }
            if (call.path().startsWith("/api/v10/interactions/" + interactionId + "/") && call.body() != null
                    && call.body().path("type").asInt() == 4) {
                return call.body().path("data");
            }
        }
        return null;
    }

    /** How the bot answered an interaction: the callback's body (type 4 a message, 6 a deferred update, 9 a modal); null until it has. */
    public JsonNode callback(String interactionId) {
        for (Call call : state.calls) {
            if (call.method().equals("POST") && call.path().startsWith("/api/v10/interactions/" + interactionId + "/")) {
                return call.body();
            }
        }
        return null;
    }

    private String send(ObjectNode data) {
        gateway.dispatch("INTERACTION_CREATE", data);
        return data.path("id").asText();
    }

    /** What every interaction carries, as Discord sends it: who, where, and a token to answer with. */
    private ObjectNode interaction(int type, String channelId, String userId) {
        String id = state.nextId();
        ObjectNode data = json.object();
        data.put("id", id);
        data.put("application_id", FakeDiscord.BOT_ID);
        data.put("type", type);
        data.put("token", "interaction-token-" + id);
        data.put("version", 1);
        data.put("guild_id", state.guildId);
        data.put("channel_id", channelId);
        Thread inThread = state.thread(channelId).orElse(null);
        if (inThread != null) {
            // used in a thread (a forum post's): the interaction's channel is the thread, with its parent
            data.set("channel", json.thread(inThread));
        } else {
            data.putObject("channel").put("id", channelId).put("type", 0).put("guild_id", state.guildId)
                    .put("name", state.channels.stream().filter(c -> c.id().equals(channelId)).findFirst().orElseThrow().name());
        }
        ObjectNode member = json.member(userId);
        member.put("permissions", Long.toString(Permissions.EVERYONE));
        data.set("member", member);
        data.put("app_permissions", Long.toString(Permissions.EVERYONE));
        data.put("locale", "en-US");
        data.put("guild_locale", "en-US");
        data.putArray("entitlements");
        data.put("context", 0);
        data.putObject("authorizing_integration_owners").put("0", state.guildId);
        data.putObject("guild").put("id", state.guildId).put("locale", "en-US").putArray("features");
        return data;
    }
}
