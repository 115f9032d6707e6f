package routes.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import routes.testing.discord.FakeDiscord.Call;

/** What the bot did, as Discord saw it: the REST calls it made and the messages it left in the guild. */
public final class BotActivity {

    private static final Comparator<ObjectNode> BY_ID = Comparator.comparing(n -> Long.parseLong(n.path("id").asText()));

    private final DiscordState state;

    BotActivity(DiscordState state) {
        this.state = state;
    }

    /** Every REST call so far, in order. */
    public List<Call> calls() {
        return List.copyOf(state.calls);
    }

    /** The messages the bot sent: channel posts and interaction edits and follow-ups. */
    public List<Call> sentMessages() {
        List<Call> sent = new ArrayList<>();
        for (Call call : state.calls) {
            boolean post = call.method().equals("POST") && FakeRest.CHANNEL_MESSAGES.matcher(call.path()).matches();
            boolean webhook = (call.method().equals("PATCH") && FakeRest.WEBHOOK_EDIT.matcher(call.path()).matches())
                    || (call.method().equals("POST") && call.path().startsWith("/api/v10/webhooks/"));
            if (post || webhook) {
                sent.add(call);
            }
        }
        return sent;
    }

    /** The id of the bot's first message replying to the given one, or null. */
    public String replyTo(String messageId) {
        return state.created.values().stream()
                .filter(m -> FakeDiscord.BOT_ID.equals(m.path("author").path("id").asText()))
                .filter(m -> messageId.equals(m.path("message_reference").path("message_id").asText()))
                .map(m -> m.path("id").asText()).findFirst().orElse(null);
    }

    /**
     * The bot's answer to a question message, part by part: its reply, then the bot's messages that follow it in
     * that channel without replying to anything (a split answer's later parts); empty until it replies.
     */
    public List<String> answerParts(String questionId) {
        String first = replyTo(questionId);
        if (first == null) {
            return List.of();
        }
        String channel = state.created.get(first).path("channel_id").asText();
        List<ObjectNode> after = state.created.values().stream().filter(n -> channel.equals(n.path("channel_id").asText()))
                .filter(n -> Long.parseLong(n.path("id").asText()) > Long.parseLong(first)).sorted(BY_ID).toList();
        List<String> parts = new ArrayList<>(List.of(first));
        for (ObjectNode next : after) {
            if (!FakeDiscord.BOT_ID.equals(next.path("author").path("id").asText()) || next.has("message_reference")) {
                break;
            }
            parts.add(next.path("id").asText());
        }
        return parts;
    }

    /** The buttons (custom ids) on a message, in order; empty when it has none. */
    public List<String> buttons(String messageId) {
        List<String> ids = new ArrayList<>();
        ObjectNode message = state.created.get(messageId);
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

    /** GET requests for a channel's (or thread's) messages so far: what backfill asked Discord. */
    public long historyRequests(String channelId) {
        String path = "/api/v10/channels/" + channelId + "/messages";
        return state.calls.stream().filter(c -> c.method().equals("GET") && c.path().equals(path)).count();
    }
}
