package routes.chroma;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Builds the JSON bodies of Chroma's v2 record calls. Ids are Discord message ids, so a
 * redelivered or edited message overwrites itself (upsert) instead of piling up.
 */
public class ChromaRequests {

    private final int candidates;

    public ChromaRequests(int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("rtfm.retrieval.candidates must be at least 1, got " + candidates);
        }
        this.candidates = candidates;
    }

    /** The key under which a reply keeps the text of its parent, for lexical ranking (never cited). */
    public static final String CONTEXT_KEY = "reply_to_text";

    public String upsert(@Body DiscordMessage message, @ExchangeProperty("vector") float[] vector,
                         @ExchangeProperty("context") String context) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        body.putArray("ids").add(message.messageId());
        vectorArray(body.putArray("embeddings").addArray(), vector);
        body.putArray("documents").add(message.content());
        ObjectNode metadata = body.putArray("metadatas").addObject();
        // Chroma filters are type-strict: every Discord id is stored as a string
        putIfPresent(metadata, "guild_id", message.guildId());
        putIfPresent(metadata, "channel_id", message.channelId());
        putIfPresent(metadata, "channel_name", message.channelNameOrMetadata());
        putIfPresent(metadata, "author_id", message.userId());
        putIfPresent(metadata, "author_name", message.username());
        putIfPresent(metadata, "jump_url", message.jumpUrl());
        putIfPresent(metadata, "reply_to", message.replyToMessageId());
        putIfPresent(metadata, "thread_id", message.threadId());
        putIfPresent(metadata, "iso_timestamp", message.timestamp());
        metadata.put("timestamp", OffsetDateTime.parse(message.timestamp()).toEpochSecond());
        putIfPresent(metadata, CONTEXT_KEY, context);
        return body.toString();
    }

    /** Rewrites a stored record with a new vector and parent context, keeping its document and metadata. */
    public String reupsert(String id, String document, ObjectNode metadata, float[] vector, String context) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        body.putArray("ids").add(id);
        vectorArray(body.putArray("embeddings").addArray(), vector);
        body.putArray("documents").add(document);
        if (context == null) {
            // upsert merges metadata, so a vanished parent's text is cleared explicitly
            metadata.put(CONTEXT_KEY, "");
        } else {
            metadata.put(CONTEXT_KEY, context);
        }
        body.putArray("metadatas").add(metadata);
        return body.toString();
    }

    public String delete(@Body DiscordMessage message) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        body.putArray("ids").add(message.messageId());
        return body.toString();
    }

    /**
     * Nearest messages to the question, within the asker's guild and, when the gateway computed
     * them, only in the channels the asker may read.
     */
    public String query(@Body BotQuery query, @ExchangeProperty("vector") float[] vector) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        vectorArray(body.putArray("query_embeddings").addArray(), vector);
        body.put("n_results", candidates);
        body.putArray("include").add("documents").add("metadatas").add("distances");
        ObjectNode where = where(query);
        if (where != null) {
            body.set("where", where);
        }
        return body.toString();
    }

    static ObjectNode where(BotQuery query) {
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

    private static void vectorArray(ArrayNode target, float[] vector) {
        for (float v : vector) {
            target.add(v);
        }
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null && !value.isBlank()) {
            node.put(key, value);
        }
    }
}
