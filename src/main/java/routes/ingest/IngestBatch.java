package routes.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import routes.schema.DiscordMessage;

/**
 * One poll of discord-messages, sorted by what ingest does with it. Only the latest record of each
 * message counts (the log's own rule: a later edit or deletion supersedes it), so the stored and the
 * deleted never share an id and the order of the calls to Chroma cannot bring a deleted message back.
 *
 * @param stored     the messages to embed and upsert, in log order
 * @param deletions  the messages to remove
 * @param skipped    the ids of messages left out (no text, a question, opted out)
 * @param rejected   the records that could not be read, each to be dead-lettered alone with its reason
 * @param commits    per partition, the commit of its last record in the batch
 */
public record IngestBatch(List<DiscordMessage> stored, List<DiscordMessage> deletions, Set<String> skipped,
                          List<Message> rejected, Map<String, KafkaManualCommit> commits) {

    /** The message stored by this batch under that id, or null. */
    public DiscordMessage storedMessage(String id) {
        return stored.stream().filter(message -> message.messageId().equals(id)).findFirst().orElse(null);
    }

    /** Whether the batch has its own latest version of that message (stored, deleted or skipped). */
    public boolean decides(String id) {
        return skipped.contains(id) || storedMessage(id) != null || deletions.stream().anyMatch(m -> m.messageId().equals(id));
    }

    /** The ids whose stored replies may need a new vector: what this batch wrote or removed. */
    public List<String> changedIds() {
        List<String> ids = new ArrayList<>();
        stored.forEach(message -> ids.add(message.messageId()));
        deletions.forEach(message -> ids.add(message.messageId()));
        return ids;
    }
}
