package routes.errors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.chroma.CollectionRecovery;
import routes.gemini.RetryInfo;
import routes.kafka.DeadLetters;

/**
 * The error handlers' onRedelivery hook, run after the policy's backoff and before each retry:
 * counts the retry (for the dead letter), lets a vanished Chroma collection be resolved again, and
 * waits out the rest of a 429's RetryInfo delay (at most {@code maxWaitMs}), so a per-minute quota
 * is not asked again before Gemini said it would be lifted.
 */
public class BeforeRetry implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(BeforeRetry.class);

    private final CollectionRecovery collection;
    private final long maxWaitMs;

    public BeforeRetry(CollectionRecovery collection, long maxWaitMs) {
        this.collection = collection;
        this.maxWaitMs = maxWaitMs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DeadLetters.COUNT_REDELIVERY.process(exchange);
        collection.process(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http && http.getStatusCode() == 429) {
                long wait = Math.min(RetryInfo.delayMs(http.getResponseBody()), maxWaitMs);
                if (wait > 0) {
                    LOG.info("Gemini asks to retry in {} ms (RetryInfo); waiting", wait);
                    Thread.sleep(wait);
                }
                return;
            }
        }
    }
}
