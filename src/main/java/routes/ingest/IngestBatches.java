package routes.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.chroma.ChromaRequests;
import routes.kafka.FailedRecords;
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

    private final WireFormat wire;
    private final IndexingRules rules;
    private final RtfmMetrics metrics;

    public IngestBatches(WireFormat wire, IndexingRules rules, RtfmMetrics metrics) {
        this.wire = wire;
        this.rules = rules;
        this.metrics = metrics;
    }

    public IngestBatch read(@Body List<Exchange> records) {
        DistributionSummary.builder("rtfm.ingest.batch.size").description("Records per batch ingest took from discord-messages")
                .register(metrics.registry()).record(records.size());
        Map<String, DiscordMessage> latest = new LinkedHashMap<>();
        List<Message> rejected = new ArrayList<>();
        Map<String, KafkaManualCommit> commits = new LinkedHashMap<>();
        for (Exchange record : records) {
            Message in = record.getMessage();
            commits.put(in.getHeader(KafkaConstants.TOPIC) + "-" + in.getHeader(KafkaConstants.PARTITION),
                    in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
            try {
                DiscordMessage message = wire.parseLogRecord(in.getBody(String.class), in.getHeader(KafkaConstants.KEY, String.class));
                if (!message.isDeletion()) {
                    ChromaRequests.metadata(message, null);
                }
                latest.remove(message.messageId());
                latest.put(message.messageId(), message);
            } catch (RuntimeException e) {
                rejected.add(FailedRecords.rejected(in, e));
            }
        }
        List<DiscordMessage> stored = new ArrayList<>();
        List<DiscordMessage> deletions = new ArrayList<>();
        Set<String> skipped = new HashSet<>();
        for (DiscordMessage message : latest.values()) {
            String reason = message.isDeletion() ? null : rules.skipReason(message);
            if (message.isDeletion()) {
                deletions.add(message);
            } else if (reason != null) {
                skipped.add(message.messageId());
                Counter.builder("rtfm.messages.skipped").description("Messages ingest left out, by reason").tag("reason", reason)
                        .register(metrics.registry()).increment();
            } else {
                stored.add(message);
            }
        }
        return new IngestBatch(stored, deletions, skipped, rejected, commits);
    }

    /** The batch is in Chroma: counted [rtfm_messages_ingested_total], then committed. */
    public void stored(@Variable("batch") IngestBatch batch) {
        Counter.builder("rtfm.messages.ingested").description("Messages ingest stored in Chroma").register(metrics.registry())
                .increment(batch.stored().size());
        commit(batch);
    }

    /**
     * Commits each partition's offset past the batch: called once what it holds is stored or
     * dead-lettered. A commit that fails (the broker is away, the partition was reassigned) fails
     * nothing: the batch is stored, a later batch's commit covers it, and if none does first it is
     * read again after a restart or rebalance, where storing it again changes nothing (upserts by id).
     */
    public void commit(@Variable("batch") IngestBatch batch) {
        if (batch == null) {
            return;
        }
        for (KafkaManualCommit commit : batch.commits().values()) {
            try {
                if (commit != null) {
                    commit.commit();
                }
            } catch (KafkaException e) {
                LOG.warn("Could not commit a stored batch of discord-messages ({}); it may be read and stored again", e.getMessage());
            }
        }
    }
}
