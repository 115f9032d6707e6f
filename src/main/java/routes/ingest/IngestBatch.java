package routes.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import routes.schema.DiscordMessage;

/**
 * One poll of discord-messages, sorted by what ingest does with it. Only the latest record of each
 * message counts (the log's own rule: a later edit or deletion supersedes it), so the stored and the
 * deleted never share an id and the order of the calls to Chroma cannot bring a deleted message back.
 * Ids are indexed once: every step of the batch asks which messages it holds.
 */
public final class IngestBatch {

    private final List<DiscordMessage> stored;
    private final List<DiscordMessage> deletions;
    private final Map<String, String> skipped;
    private final int superseded;
    private final List<Message> rejected;
    private final Map<String, KafkaManualCommit> commits;
    private final Map<String, DiscordMessage> storedById = new LinkedHashMap<>();
    private final List<String> changedIds = new ArrayList<>();
    private final Set<String> changed;

    /**
     * @param stored     the messages to embed and upsert, in log order
     * @param deletions  the messages to remove
     * @param skipped    the messages left out, by id, with why (no text, a question, opted out)
     * @param superseded how many records a later record of the same message in the batch replaced
     * @param rejected   the records that could not be read, each to be dead-lettered alone with its reason
     * @param commits    per partition, the commit of its last record in the batch
     */
    public IngestBatch(List<DiscordMessage> stored, List<DiscordMessage> deletions, Map<String, String> skipped, int superseded,
                       List<Message> rejected, Map<String, KafkaManualCommit> commits) {
        this.stored = List.copyOf(stored);
        this.deletions = List.copyOf(deletions);
        this.skipped = Map.copyOf(skipped);
        this.superseded = superseded;
        this.rejected = List.copyOf(rejected);
        this.commits = commits;
        stored.forEach(message -> storedById.put(message.messageId(), message));
        changedIds.addAll(storedById.keySet());
        deletions.forEach(message -> changedIds.add(message.messageId()));
        changed = changedIds.stream().collect(Collectors.toUnmodifiableSet());
    }

    public List<DiscordMessage> stored() {
        return stored;
    }

    public List<DiscordMessage> deletions() {
        return deletions;
    }

    /** The messages left out, by id, with why. */
    public Map<String, String> skipped() {
        return skipped;
    }

    /** How many records of the batch a later record of the same message replaced. */
    public int superseded() {
        return superseded;
    }

    public List<Message> rejected() {
        return rejected;
    }

    public Map<String, KafkaManualCommit> commits() {
        return commits;
    }

    /** The message stored by this batch under that id, or null. */
    public DiscordMessage storedMessage(String id) {
        return storedById.get(id);
    }

    /** Whether the batch has its own latest version of that message (stored, deleted or skipped). */
    public boolean decides(String id) {
        return changed.contains(id) || skipped.containsKey(id);
    }

    /** Whether this batch wrote or removed that message: its stored replies may need a new vector. */
    public boolean changed(String id) {
        return changed.contains(id);
    }

    /** The ids this batch wrote or removed, in order. */
    public List<String> changedIds() {
        return changedIds;
    }
}
