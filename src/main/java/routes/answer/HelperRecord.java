package routes.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import routes.chroma.ChromaCollection;
import routes.chroma.StoredRecords;
import routes.chroma.StoredRecords.StoredRecord;
import routes.schema.WireFormat;

/**
 * How often each member answered other members in their guild: their messages in the index that
 * continue another member's message (a reply, a message in another's thread) and are more than a
 * thank-you. In a help channel the same few people answer most questions, so among close candidates
 * a regular helper's message is more likely the answer. It is counted from the index itself
 * ({@link #recount}, every rtfm.retrieval.helper-refresh minutes), so deletions, /forget, channel
 * removals and a reindex are reflected by the next count with nothing to keep in step.
 */
public class HelperRecord {

    /** Records a page of the count reads; a large index is read in several pages. */
    static final int PAGE = 2_000;

    private final int page;

    /** What the count keeps of a stored message: not its text, so a large index is counted in little memory. */
    record Authored(String guild, String author, String parent, boolean acknowledgement) {

        static Authored of(StoredRecord record) {
            JsonNode metadata = record.metadata();
            return new Authored(metadata.path("guild_id").asText(""), metadata.path("author_id").asText(null),
                    parentOf(record.id(), metadata), AnswerRanker.isAcknowledgement(record.document()));
        }
    }

    /** One guild's counts, and the highest of them. */
    private record Answered(Map<String, Integer> byAuthor, int most) {
    }

    private volatile Map<String, Answered> answeredByGuild = Map.of();

    public HelperRecord() {
        this(PAGE);
    }

    /** @param page how many records one read of the count takes */
    HelperRecord(int page) {
        this.page = page;
    }

    /**
     * Between 0 (never answered anyone, or unknown) and 1 (the guild's most frequent helper): ln(1 + n) / ln(1 + max),
     * so the first few answers count most and one prolific member does not flatten everyone else.
     */
    public double factor(String guildId, String authorId) {
        Answered answered = answeredByGuild.get(guildId == null ? "" : guildId);
        if (answered == null || authorId == null || answered.most() == 0) {
            return 0;
        }
        return Math.log1p(answered.byAuthor().getOrDefault(authorId, 0)) / Math.log1p(answered.most());
    }

    /** How many messages of this member answered another member, by the last count. */
    public int answered(String guildId, String authorId) {
        Answered answered = answeredByGuild.get(guildId == null ? "" : guildId);
        return answered == null ? 0 : answered.byAuthor().getOrDefault(authorId, 0);
    }

    /** Counts again from every record of the collection, page by page, and replaces the record at once when done. */
    public void recount(ChromaCollection collection) {
        Map<String, Authored> all = new HashMap<>();
        for (int offset = 0; ; offset += page) {
            ObjectNode body = WireFormat.mapper().createObjectNode().put("limit", page).put("offset", offset);
            body.putArray("include").add("metadatas").add("documents");
            JsonNode read = collection.post(collection.operationUrl("get"), body.toString());
            List<StoredRecord> records = StoredRecords.of(read);
            // ingest may write while this reads: a record moved across a page boundary is counted once or missed once, no more
            records.forEach(record -> all.put(record.id(), Authored.of(record)));
            if (records.size() < page) {
                break;
            }
        }
        use(count(all));
    }

    /** Takes these counts (per guild, per author) as the record. */
    void use(Map<String, Map<String, Integer>> counts) {
        Map<String, Answered> counted = new HashMap<>();
        counts.forEach((guild, byAuthor) ->
                counted.put(guild, new Answered(byAuthor, byAuthor.values().stream().mapToInt(Integer::intValue).max().orElse(0))));
        answeredByGuild = counted;
    }

    /** Per guild, per author: their messages that continue another member's message (whose author the index knows). */
    static Map<String, Map<String, Integer>> count(Collection<StoredRecord> records) {
        Map<String, Authored> all = new HashMap<>();
        records.forEach(record -> all.put(record.id(), Authored.of(record)));
        return count(all);
    }

    private static Map<String, Map<String, Integer>> count(Map<String, Authored> messages) {
        Map<String, Map<String, Integer>> byGuild = new HashMap<>();
        for (Authored message : messages.values()) {
            Authored parent = message.parent() == null ? null : messages.get(message.parent());
            String parentAuthor = parent == null ? null : parent.author();
            if (message.author() == null || parentAuthor == null || message.author().equals(parentAuthor) || message.acknowledgement()) {
                continue;
            }
            byGuild.computeIfAbsent(message.guild(), guild -> new HashMap<>()).merge(message.author(), 1, Integer::sum);
        }
        return byGuild;
    }

    private static String parentOf(String id, JsonNode metadata) {
        String replyTo = metadata.path("reply_to").asText(null);
        String thread = metadata.path("thread_id").asText(null);
        return replyTo != null ? replyTo : thread != null && !thread.equals(id) ? thread : null;
    }
}
