package routes.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.chroma.ChromaRequests;
import routes.kafka.FailedRecords;
import routes.kafka.PollCommits;
import routes.metrics.RecordOutcomes;
import routes.metrics.RtfmMetrics;
import routes.privacy.IndexingRules;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Reads a batch of discord-messages records for ingest-messages (camel-kafka batching: the body is
 * the polled records' exchanges) and commits it once it is stored. A record that cannot be read, or
 * whose Chroma metadata cannot be built, is set aside on its own so the rest of the batch is stored.
 */
public class IngestBatches {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBatches.class);

    /** The skip reason of a record that a later record of the same message in its batch replaced. */
    public static final String SUPERSEDED = "superseded";

    private final WireFormat wire;
    private final IndexingRules rules;
    private final RtfmMetrics metrics;
    private final RecordOutcomes outcomes;

    public IngestBatches(WireFormat wire, IndexingRules rules, RtfmMetrics metrics, RecordOutcomes outcomes) {
        this.wire = wire;
        this.rules = rules;
        this.metrics = metrics;
        this.outcomes = outcomes;
    }

    public IngestBatch read(@Body List<Exchange> records) {
        metrics.summary("rtfm.ingest.batch.size", "Records per batch ingest took from discord-messages").record(records.size());
        Map<String, DiscordMessage> latest = new LinkedHashMap<>();
        List<Message> rejected = new ArrayList<>();
        Map<String, KafkaManualCommit> commits = PollCommits.of(records);
        int superseded = 0;
        for (Exchange record : records) {
            Message in = record.getMessage();
            try {
                DiscordMessage message = wire.parseLogRecord(in.getBody(String.class), in.getHeader(KafkaConstants.KEY, String.class));
                if (!message.isDeletion()) {
                    ChromaRequests.metadata(message, null);
                }
                if (latest.remove(message.messageId()) != null) {
                    superseded++;
                }
                latest.put(message.messageId(), message);
            } catch (RuntimeException e) {
                rejected.add(FailedRecords.rejected(record, e));
            }
        }
        List<DiscordMessage> stored = new ArrayList<>();
        List<DiscordMessage> deletions = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (DiscordMessage message : latest.values()) {
            String reason = message.isDeletion() ? null : rules.skipReason(message);
            if (message.isDeletion()) {
                deletions.add(message);
            } else if (reason != null) {
                skipped.put(message.messageId(), reason);
            } else {
                stored.add(message);
            }
        }
        return new IngestBatch(stored, deletions, skipped, superseded, rejected, commits);
    }

    /**
     * The batch is in Chroma: each record's outcome counted [rtfm_records_total; rtfm_messages_ingested_total;
     * rtfm_messages_skipped_total{reason}, where a record replaced by a later one of the same message is "superseded"],
     * then committed. Its unreadable records were counted when they were dead-lettered.
     */
    public void stored(@Variable("batch") IngestBatch batch, Exchange exchange) {
        metrics.counter("rtfm.messages.ingested", "Messages ingest stored in Chroma").increment(batch.stored().size());
        batch.skipped().values().forEach(reason -> skipped(exchange, reason, 1));
        skipped(exchange, SUPERSEDED, batch.superseded());
        outcomes.outcome(exchange, RecordOutcomes.STORED, batch.stored().size());
        outcomes.outcome(exchange, RecordOutcomes.DELETED, batch.deletions().size());
        outcomes.outcome(exchange, RecordOutcomes.SKIPPED, batch.skipped().size() + batch.superseded());
        commit(batch);
    }

    private void skipped(Exchange exchange, String reason, int count) {
        if (count > 0) {
            metrics.counter("rtfm.messages.skipped", "Messages ingest left out, by reason", "reason", reason).increment(count);
            outcomes.skipped(exchange, reason, count);
        }
    }

    /**
     * Commits each partition's offset past the batch: called once what it holds is stored or dead-lettered (storing it
     * again, should the commit fail, changes nothing: upserts by id).
     */
    public void commit(@Variable("batch") IngestBatch batch) {
        if (batch != null) {
            PollCommits.commit(batch.commits().values(), LOG, "a stored batch of discord-messages");
        }
    }
}
