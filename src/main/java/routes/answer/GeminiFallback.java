package routes.answer;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.http.base.HttpOperationFailedException;
import routes.metrics.RtfmMetrics;
import routes.schema.BotQuery;
import routes.schema.BotResponse;

/**
 * The fallback of Gemini's circuit breaker (answer-queries). While the breaker is open (it refused
 * the call) the answer is the sources, saying why. A call that failed is no reason to give up yet:
 * its failure is thrown on, to the route's error handler, which retries or dead-letters it, so one
 * 503 does not cost the asker the generated answer the next attempt gives.
 */
public class GeminiFallback {

    /** Set by Camel's circuit breaker when it refused the call. */
    static final String SHORT_CIRCUITED = "CamelResponseShortCircuited";

    private final ResponseFactory responses;
    private final RtfmMetrics metrics;

    public GeminiFallback(ResponseFactory responses, RtfmMetrics metrics) {
        this.responses = responses;
        this.metrics = metrics;
    }

    public BotResponse answer(@Variable("query") BotQuery query, @Variable("candidates") List<Candidate> candidates, Exchange exchange)
            throws Exception {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (!Boolean.TRUE.equals(exchange.getProperty(SHORT_CIRCUITED, Boolean.class)) && failure != null) {
            metrics.gemini(failedOutcome(failure));
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
        metrics.gemini("short_circuited");
        return responses.generationUnavailable(query, candidates, exchange);
    }

    private static String failedOutcome(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                return "failed_" + http.getStatusCode();
            }
        }
        return "failed";
    }
}
