package routes.errors;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Tells an HTTP failure worth retrying (5xx, 429) from one that will fail again the same way
 * (4xx, and a 429 for a daily quota, which no backoff within minutes will lift).
 */
public class TransientHttpFailure {

    public boolean matches(Exchange exchange) {
        HttpOperationFailedException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HttpOperationFailedException.class);
        if (failure == null) {
            Exception current = exchange.getException();
            failure = current instanceof HttpOperationFailedException http ? http : null;
        }
        return failure != null && isTransient(failure.getStatusCode(), failure.getResponseBody());
    }

    static boolean isTransient(int status, String body) {
        if (status == 429) {
            // Gemini names the exhausted quota in google.rpc.QuotaFailure; a per-day one lasts until tomorrow
            return body == null || !body.contains("PerDay");
        }
        return status >= 500;
    }
}
