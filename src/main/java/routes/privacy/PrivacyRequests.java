package routes.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;
import routes.schema.WireFormat;

/**
 * What an opt-out asks of a processor (apply-opt-outs): find what is stored of the member or
 * channel in Chroma, turn each into a deletion record for the log (so a rebuild from the log
 * never brings it back), and tell the one who asked how many went.
 */
public class PrivacyRequests {

    /** The metadata the finding needs: a deletion record names its channel. */
    private static final String CHANNEL = "channel_id";

    /** A Chroma get of every stored message of the subject in its guild; null when nothing is to be removed. */
    public String storedLookup(@Variable("optOut") OptOut choice) {
        if (choice.indexed()) {
            return null;
        }
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ArrayNode all = body.putObject("where").putArray("$and");
        all.addObject().putObject("guild_id").put("$eq", choice.guildId());
        if (OptOut.USER.equals(choice.subject())) {
            all.addObject().putObject("author_id").put("$eq", choice.subjectId());
        } else {
            // the channel, its public threads (stored under it) and its private threads (which name it as parent)
            ArrayNode either = all.addObject().putArray("$or");
            for (String key : List.of(CHANNEL, "thread_id", DiscordMessage.PARENT_CHANNEL)) {
                either.addObject().putObject(key).put("$eq", choice.subjectId());
            }
        }
        body.putArray("include").add("metadatas");
        return body.toString();
    }

    /** One deletion record per stored message found by {@link #storedLookup}. */
    public List<DiscordMessage> removals(@Body String found, @Variable("optOut") OptOut choice) throws JsonProcessingException {
        List<DiscordMessage> removals = new ArrayList<>();
        if (found == null) {
            return removals;
        }
        JsonNode result = WireFormat.mapper().readTree(found);
        JsonNode ids = result.path("ids");
        String now = Instant.now().toString();
        for (int i = 0; i < ids.size(); i++) {
            String channel = result.path("metadatas").path(i).path(CHANNEL).asText(choice.subjectId());
            removals.add(new DiscordMessage(ids.path(i).asText(), "", "", "0", channel, now, Map.of(), WireFormat.SCHEMA_VERSION,
                    DiscordMessage.DELETED, choice.guildId(), null, null, null, null, List.of(), null, null, null));
        }
        return removals;
    }

    /** The answer to the one who asked (an ephemeral notice on Discord); null for a choice nobody waits on. */
    public BotResponse confirmation(@Variable("optOut") OptOut choice, @Variable("removals") List<DiscordMessage> removals) {
        if (choice.requestId() == null || choice.reply() == null) {
            return null;
        }
        Object replyChannel = choice.reply().getOrDefault("reply_channel_id", choice.subjectId());
        return new BotResponse(BotResponse.idFor(choice.requestId()), choice.requestId(), "",
                text(choice, removals.size()), replyChannel.toString(), Instant.now().toString(), choice.reply(),
                WireFormat.SCHEMA_VERSION, BotResponse.NOTICE, List.of(), null, null);
    }

    static String text(OptOut choice, int removed) {
        String messages = removed == 1 ? "1 message" : removed + " messages";
        return switch (choice.reason()) {
            case "forget" -> "Done: I removed " + messages + " of yours from my memory and will not store what you write in this "
                    + "server from now on. /remember undoes that, for messages you write after it.";
            case "remember" -> "Welcome back: I will remember what you write in this server from now on (nothing from before).";
            case "admin_forget" -> "Done: I removed " + messages + " of <@" + choice.subjectId()
                    + "> and will not store their messages in this server from now on.";
            case "exclude" -> "Done: I removed " + messages + " of <#" + choice.subjectId() + "> and will not index it from now on. "
                    + "/rtfm include undoes that, for messages written after it.";
            case "include" -> "<#" + choice.subjectId() + "> is indexed again, for messages written from now on.";
            default -> "Done.";
        };
    }
}
