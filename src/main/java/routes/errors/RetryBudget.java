package routes.errors;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import routes.schema.BotQuery;

/**
 * Whether a failed record may be retried once more (the error handler's retryWhile): at most
 * {@code rtfm.retry.max-redeliveries} times, and for a question only while its answer can still
 * come within {@code rtfm.answer.deadline-ms} of its asking. A question that cannot is
 * dead-lettered at once, so its asker gets the error answer in time instead of silence.
 */
public class RetryBudget {

    private final int maxRedeliveries;
    private final long deadlineMs;

    public RetryBudget(int maxRedeliveries, long deadlineMs) {
        this.maxRedeliveries = maxRedeliveries;
        this.deadlineMs = deadlineMs;
    }

    public boolean allowsRetry(Exchange exchange) {
        Integer done = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        // Camel has already counted the retry it asks about
        if (done != null && done > maxRedeliveries) {
            return false;
        }
        BotQuery query = exchange.getVariable("query", BotQuery.class);
        if (query == null || query.timestamp() == null) {
            return true;
        }
        try {
            Instant asked = OffsetDateTime.parse(query.timestamp()).toInstant();
            return Instant.now().isBefore(asked.plusMillis(deadlineMs));
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
