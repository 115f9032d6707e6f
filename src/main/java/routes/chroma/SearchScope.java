package routes.chroma;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import routes.schema.BotQuery;
import routes.schema.WireFormat;

/**
 * What a question may search: its guild and, when the gateway computed them, only the channels its
 * asker may read. Every Chroma call made for a question is filtered by it, the search and the look-up
 * of answers alike, so ranking never brings in what the asker could not have found.
 */
public final class SearchScope {

    private SearchScope() {
    }

    /** A where filter for the messages that continue any of these: replies to them, and the messages of the threads they started. */
    static ObjectNode continuing(Collection<String> parentIds) {
        ObjectNode continues = WireFormat.mapper().createObjectNode();
        ArrayNode either = continues.putArray("$or");
        ArrayNode replies = either.addObject().putObject("reply_to").putArray("$in");
        ArrayNode threads = either.addObject().putObject("thread_id").putArray("$in");
        parentIds.forEach(id -> {
            replies.add(id);
            threads.add(id);
        });
        return continues;
    }

    /**
     * A query for the stored messages that continue any of these (replies to them, messages in the
     * threads they started), nearest to the question first, at most {@code limit}, with their
     * distances: under the same guild and channel filter as the question itself, so nothing the asker
     * may not read is fetched.
     */
    public static String continuations(BotQuery query, float[] vector, Collection<String> parentIds, int limit) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ObjectNode continues = continuing(parentIds);
        ObjectNode scope = where(query);
        if (scope == null) {
            body.set("where", continues);
        } else {
            ArrayNode all = body.putObject("where").putArray("$and");
            if (scope.has("$and")) {
                scope.get("$and").forEach(all::add);
            } else {
                all.add(scope);
            }
            all.add(continues);
        }
        ArrayNode embedding = body.putArray("query_embeddings").addArray();
        for (float v : vector) {
            embedding.add(v);
        }
        body.put("n_results", limit);
        body.putArray("include").add("documents").add("metadatas").add("distances");
        return body.toString();
    }

    /** The guild and the channels the asker may read (null: no limit was given), as a Chroma where filter. */
    public static ObjectNode where(BotQuery query) {
        ObjectNode guild = null;
        if (query.guildId() != null && !query.guildId().isBlank()) {
            guild = WireFormat.mapper().createObjectNode();
            guild.putObject("guild_id").put("$eq", query.guildId());
        }
        ObjectNode channels = null;
        List<String> visible = query.visibleChannelIds();
        if (visible != null) {
            if (visible.isEmpty()) {
                // an empty $in is a 400 in Chroma; callers answer no_match before asking
                throw new IllegalArgumentException("no visible channel to search");
            }
            channels = WireFormat.mapper().createObjectNode();
            ArrayNode in = channels.putObject("channel_id").putArray("$in");
            visible.forEach(in::add);
        }
        if (guild != null && channels != null) {
            ObjectNode and = WireFormat.mapper().createObjectNode();
            and.putArray("$and").add(guild).add(channels);
            return and;
        }
        return guild != null ? guild : channels;
    }
}
