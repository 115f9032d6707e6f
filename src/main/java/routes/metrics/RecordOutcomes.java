package routes.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Accounts for every record a route takes from Kafka, so a loss shows: each take is counted
 * [rtfm_records_taken_total{topic,reader}] and each ends in exactly one outcome
 * [rtfm_records_total{topic,reader,outcome}]: stored, deleted, skipped, answered, delivered,
 * applied, dead_lettered, or returned (handed back to Kafka unprocessed, to be taken again). Over
 * any quiet moment the two sums are equal per topic and reader; a difference that stays is a record
 * that went nowhere (the alert RtfmRecordsUnaccounted). The reader is the route id, or a follower's name.
 */
public class RecordOutcomes {

    public static final String STORED = "stored";
    public static final String DELETED = "deleted";
    public static final String SKIPPED = "skipped";
    public static final String ANSWERED = "answered";
    public static final String DELIVERED = "delivered";
    public static final String APPLIED = "applied";
    public static final String DEAD_LETTERED = "dead_lettered";
    public static final String RETURNED = "returned";

    /** A step that leaves its record out names why here (an exchange variable); the route's last step counts it as skipped. */
    public static final String SKIP_REASON = "skipReason";

    private static final String TALLY = "rtfmRecordTally";

    private final RtfmMetrics metrics;

    public RecordOutcomes(RtfmMetrics metrics) {
        this.metrics = metrics;
    }

    /** What one exchange took: its topic, its reader, how many records, and how many of them have an outcome already. */
    private record Tally(String topic, String reader, int taken, AtomicInteger settled) {
    }

    /** A consumer route took a record, or a batch of them (camel-kafka batching: the body is the records' exchanges). */
    public void taken(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        int count = body instanceof List<?> batch ? batch.size() : 1;
        String topic = body instanceof List<?> batch && !batch.isEmpty() && batch.get(0) instanceof Exchange first
                ? first.getMessage().getHeader(KafkaConstants.TOPIC, String.class)
                : exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class);
        // the tally's counter is shared by reference with the copies a split makes, so their dead letters are seen here
        Tally tally = new Tally(String.valueOf(topic), String.valueOf(exchange.getFromRouteId()), count, new AtomicInteger());
        exchange.setProperty(TALLY, tally);
        taken(tally.topic(), tally.reader(), count);
    }

    /** A follower (or any reader outside a route) took records. */
    public void taken(String topic, String reader, int count) {
        metrics.counter("rtfm.records.taken", "Records taken from Kafka, by topic and reader", "topic", topic, "reader", reader)
                .increment(count);
    }

    /** Records ended in this outcome. */
    public void outcome(String topic, String reader, String outcome, int count) {
        if (count > 0) {
            metrics.counter("rtfm.records", "Records taken from Kafka, by how each ended", "topic", topic, "reader", reader,
                    "outcome", outcome).increment(count);
        }
    }

    /** Records of this exchange's take ended in this outcome. */
    public void outcome(Exchange exchange, String outcome, int count) {
        Tally tally = exchange.getProperty(TALLY, Tally.class);
        if (tally != null) {
            tally.settled().addAndGet(count);
            outcome(tally.topic(), tally.reader(), outcome, count);
        }
    }

    /**
     * The route's last step: its one record ended as this outcome, or as skipped when a step named a
     * reason or the record was a duplicate (the idempotent consumer's mark).
     */
    public void settled(Exchange exchange, String outcome) {
        Object reason = exchange.getVariable(SKIP_REASON);
        if (reason == null && Boolean.TRUE.equals(exchange.getProperty(Exchange.DUPLICATE_MESSAGE, Boolean.class))) {
            reason = "duplicate";
        }
        if (reason != null) {
            skipped(exchange, reason.toString(), 1);
        }
        outcome(exchange, reason != null ? SKIPPED : outcome, 1);
    }

    /** Why records were skipped [rtfm_records_skipped_total{topic,reader,reason}]; their outcome is counted apart. */
    public void skipped(Exchange exchange, String reason, int count) {
        Tally tally = exchange.getProperty(TALLY, Tally.class);
        if (tally != null) {
            skipped(tally.topic(), tally.reader(), reason, count);
        }
    }

    public void skipped(String topic, String reader, String reason, int count) {
        if (count > 0) {
            metrics.counter("rtfm.records.skipped", "Records skipped, by topic, reader and why", "topic", topic, "reader", reader,
                    "reason", reason).increment(count);
        }
    }

    /** The dead-letter route published a record's envelope. */
    public void deadLettered(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        metrics.counter("rtfm.dead.letters", "Records dead-lettered, by original topic and error type", "topic", String.valueOf(topic),
                "error_type", error == null ? "unknown" : error.getClass().getSimpleName()).increment();
        Tally tally = exchange.getProperty(TALLY, Tally.class);
        if (tally != null) {
            outcome(exchange, DEAD_LETTERED, 1);
        } else {
            outcome(String.valueOf(topic), String.valueOf(exchange.getFromRouteId()), DEAD_LETTERED, 1);
        }
    }

    /** The exchange failed: what of its take has no outcome yet goes back to Kafka, to be taken again. */
    public void returned(Exchange exchange) {
        Tally tally = exchange.getProperty(TALLY, Tally.class);
        if (tally != null) {
            outcome(exchange, RETURNED, tally.taken() - tally.settled().get());
        }
    }
}
