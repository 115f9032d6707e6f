package routes.questionlog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.kafka.PollCommits;
import routes.metrics.RecordOutcomes;

/**
 * A poll of the log's topics as record-answers writes it: every statement of sql/ at most once, as one JDBC batch
 * for all the poll's rows, in an order that keeps the log right whatever the poll holds. Questions before what
 * completes them; an answer's sources before the trim of those it no longer cites; the opt-outs' deletions last,
 * so a member's question and their /forget in one poll end deleted. Then the poll is counted and committed.
 */
public class LogPolls {

    /** One statement (sql/&lt;name&gt;.sql) with the parameters of each row it writes. */
    public record Statement(String name, List<Map<String, Object>> rows) {
    }

    /** What one poll writes, what it skipped (and why), and the offsets to commit once it is written. */
    public record Poll(List<Statement> statements, int written, Map<String, Integer> skipped, Map<String, KafkaManualCommit> commits) {
    }

    static final List<String> ORDER = List.of("upsert-question", "upsert-answer", "upsert-source", "trim-sources", "ensure-question",
            "upsert-vote", "forget-user-questions", "forget-user-votes", "forget-channel");
    public static final String WRITE_FAILED = "log_write_failed";
    private static final Logger LOG = LoggerFactory.getLogger(LogPolls.class);

    private final LogRows rows;
    private final RecordOutcomes outcomes;

    public LogPolls(LogRows rows, RecordOutcomes outcomes) {
        this.rows = rows;
        this.outcomes = outcomes;
    }

    public Poll read(@Body List<Exchange> records) {
        Map<String, List<Map<String, Object>>> byStatement = new LinkedHashMap<>();
        ORDER.forEach(name -> byStatement.put(name, new ArrayList<>()));
        Map<String, Integer> skipped = new LinkedHashMap<>();
        int written = 0;
        for (Exchange record : records) {
            // each record is read on an exchange of its own, where LogRows names why it is skipped
            Exchange own = new DefaultExchange(record.getContext());
            LogRow row = rows.of(record.getMessage().getBody(String.class), record.getMessage().getHeader(KafkaConstants.TOPIC, String.class), own);
            if (row == null) {
                skipped.merge(String.valueOf(own.getVariable(RecordOutcomes.SKIP_REASON)), 1, Integer::sum);
                continue;
            }
            written++;
            switch (row.kind()) {
                case LogRow.QUESTION -> byStatement.get("upsert-question").add(row.params());
                case LogRow.ANSWER -> {
                    byStatement.get("upsert-answer").add(row.params());
                    byStatement.get("upsert-source").addAll(row.sources());
                    byStatement.get("trim-sources").add(row.params());
                }
                case LogRow.VOTE -> {
                    byStatement.get("ensure-question").add(row.params());
                    byStatement.get("upsert-vote").add(row.params());
                }
                case LogRow.FORGET_USER -> {
                    byStatement.get("forget-user-questions").add(row.params());
                    byStatement.get("forget-user-votes").add(row.params());
                }
                default -> byStatement.get("forget-channel").add(row.params());
            }
        }
        List<Statement> statements = new ArrayList<>();
        byStatement.forEach((name, params) -> {
            if (!params.isEmpty()) {
                statements.add(new Statement(name, params));
            }
        });
        return new Poll(statements, written, skipped, PollCommits.of(records));
    }

    /** The poll is in the database: each record counted by its outcome [rtfm_records_total], then committed. */
    public void written(@Variable("poll") Poll poll, Exchange exchange) {
        poll.skipped().forEach((reason, count) -> outcomes.skipped(exchange, reason, count));
        outcomes.outcome(exchange, "logged", poll.written());
        outcomes.outcome(exchange, RecordOutcomes.SKIPPED, poll.skipped().values().stream().mapToInt(Integer::intValue).sum());
        PollCommits.commit(poll.commits().values(), LOG, "a written poll of the question log");
    }

    /**
     * A poll that cannot be written, and would fail the same way again (not an outage: those are retried and handed
     * back to Kafka): logged, counted as skipped, committed, so the log goes on. Its records keep their own readers.
     */
    public void failed(@Variable("poll") Poll poll, @Body Object records, Exchange exchange) {
        int count = records instanceof List<?> list ? list.size() : 1;
        outcomes.skipped(exchange, WRITE_FAILED, count);
        outcomes.outcome(exchange, RecordOutcomes.SKIPPED, count);
        if (poll != null) {
            PollCommits.commit(poll.commits().values(), LOG, "a question-log poll that could not be written");
        }
    }
}
