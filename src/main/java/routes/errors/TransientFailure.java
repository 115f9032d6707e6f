package routes.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import routes.chroma.CollectionRecovery;

/**
 * Tells a failure worth retrying from one that will fail again the same way. Worth it: a
 * connection error, a 5xx, a 429. Not worth it: any other 4xx, a 429 for a daily quota (no
 * backoff within minutes lifts it), and JSON that does not parse (Jackson's exceptions are
 * IOExceptions, but the same bytes parse no better the sixth time).
 */
public class TransientFailure {

    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                // a vanished Chroma collection is resolved again before the retry (CollectionRecovery)
                return isTransient(http.getStatusCode(), http.getResponseBody()) || CollectionRecovery.collectionGone(http);
            }
            if (cause instanceof JsonProcessingException) {
                return false;
            }
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransient(int status, String body) {
        if (status == 429) {
            // Gemini names the exhausted quota in google.rpc.QuotaFailure; a per-day one lasts until tomorrow
            return body == null || !body.contains("PerDay");
        }
        return status >= 500;
    }
}
