package routes.chroma;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Variable;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Builds the JSON bodies of Chroma's v2 record calls; the routes send them through
 * kamelet:chroma (docs/ARCHITECTURE.md, "Chroma"). Ids are Discord message ids, so a
 * redelivered or edited message overwrites itself (upsert) instead of piling up.
 */
public class ChromaRequests {

    /** The key under which a reply keeps the text of its parent, for lexical ranking (never cited). */
    public static final String CONTEXT_KEY = "reply_to_text";
    /** The key under which a message keeps the ids of the members it @mentions, space-separated. */
    public static final String MENTIONS_KEY = "mentions";

    private final int candidates;

    public ChromaRequests(int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("rtfm.retrieval.candidates must be at least 1, got " + candidates);
        }
        this.candidates = candidates;
    }

    /** What Chroma keeps beside a message's text; it throws on a record it cannot describe (ingest sets that one aside). */
    public static ObjectNode metadata(DiscordMessage message, String context) {
        ObjectNode metadata = WireFormat.mapper().createObjectNode();
        // Chroma filters are type-strict: every Discord id is stored as a string
        putIfPresent(metadata, "guild_id", message.guildId());
        putIfPresent(metadata, "channel_id", message.channelId());
        putIfPresent(metadata, "channel_name", message.channelNameOrMetadata());
        putIfPresent(metadata, "author_id", message.userId());
        putIfPresent(metadata, "author_name", message.username());
        putIfPresent(metadata, "jump_url", message.jumpUrl());
        putIfPresent(metadata, "reply_to", message.replyToMessageId());
        putIfPresent(metadata, "thread_id", message.threadId());
        Object parent = message.metadata() == null ? null : message.metadata().get(DiscordMessage.PARENT_CHANNEL);
        putIfPresent(metadata, DiscordMessage.PARENT_CHANNEL, parent == null ? null : parent.toString());
        putIfPresent(metadata, "iso_timestamp", message.timestamp());
        Object mentioned = message.metadata() == null ? null : message.metadata().get(DiscordMessage.MENTIONS);
        if (mentioned instanceof Collection<?> ids && !ids.isEmpty()) {
            // Chroma keeps scalars only: the ids, space-separated
            metadata.put(MENTIONS_KEY, String.join(" ", ids.stream().map(String::valueOf).toList()));
        }
        metadata.put("timestamp", OffsetDateTime.parse(message.timestamp()).toEpochSecond());
        putIfPresent(metadata, CONTEXT_KEY, context);
        if (message.metadata() != null && Boolean.TRUE.equals(message.metadata().get(DiscordMessage.SOLUTION))) {
            metadata.put(DiscordMessage.SOLUTION, true);
            Object solves = message.metadata().get(DiscordMessage.SOLVES);
            putIfPresent(metadata, DiscordMessage.SOLVES, solves == null ? null : solves.toString());
        }
        return metadata;
    }

    /** The members a stored message @mentions, by the metadata above. */
    public static List<String> mentions(com.fasterxml.jackson.databind.JsonNode metadata) {
        String ids = metadata.path(MENTIONS_KEY).asText("");
        return ids.isBlank() ? List.of() : List.of(ids.trim().split(" "));
    }

    /** A stored record with a new vector and parent context, its document and other metadata kept. */
    public record Replacement(String id, String document, ObjectNode metadata, float[] vector, String context) {
    }

    /** One upsert that rewrites the given records' vectors and parent context. */
    public String replace(List<Replacement> records) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ArrayNode ids = body.putArray("ids");
        ArrayNode embeddings = body.putArray("embeddings");
        ArrayNode documents = body.putArray("documents");
        ArrayNode metadatas = body.putArray("metadatas");
        for (Replacement record : records) {
            ids.add(record.id());
            vectorArray(embeddings.addArray(), record.vector());
            documents.add(record.document());
            // upsert merges metadata, so a vanished parent's text is cleared explicitly
            record.metadata().put(CONTEXT_KEY, record.context() == null ? "" : record.context());
            metadatas.add(record.metadata());
        }
        return body.toString();
    }

    /** The stored text of these messages (parents of a batch's replies). */
    public String documents(Collection<String> ids) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        ArrayNode list = body.putArray("ids");
        ids.forEach(list::add);
        body.putArray("include").add("documents");
        return body.toString();
    }

    /** The stored messages that continue any of these: their replies, and the messages of the threads they started. */
    public String replies(Collection<String> parentIds) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        body.set("where", SearchScope.continuing(parentIds));
        body.putArray("include").add("documents").add("metadatas");
        return body.toString();
    }

    /**
     * Nearest messages to the question, within the asker's guild and, when the gateway computed
     * them, only in the channels the asker may read.
     */
    public String query(@Variable("query") BotQuery query, @Variable("vector") float[] vector) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        vectorArray(body.putArray("query_embeddings").addArray(), vector);
        body.put("n_results", candidates);
        body.putArray("include").add("documents").add("metadatas").add("distances");
        ObjectNode where = SearchScope.where(query);
        if (where != null) {
            body.set("where", where);
        }
        return body.toString();
    }

    /** Adds a vector to a JSON array, as Chroma takes embeddings. */
    public static void vectorArray(ArrayNode target, float[] vector) {
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
