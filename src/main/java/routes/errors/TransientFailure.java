package routes.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import routes.chroma.CollectionRecovery;

/**
 * Tells a failure worth retrying from one that will fail again the same way. Worth it: a
 * connection error, a 5xx, a 429, a database that is down or restarting. Not worth it: any other 4xx, a 429 for a daily quota (no
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
            if (cause instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A database that is unreachable, restarting, out of connections or resources, or a write that lost a race
     * with another processor's (a unique key taken between MERGE's look and its insert: the retry finds the row).
     */
    static boolean isTransient(SQLException sql) {
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                || sql instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state == null) {
            // no state: what the driver or pool saw decides (a refused connection is an IOException further down)
            return false;
        }
        // 08 connection, 53 resources, 57 operator intervention (shutdown, restart), 40 serialization/deadlock, 23505 unique race
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40")
                || "23505".equals(state) || "HYT00".equals(state);
    }

    static boolean isTransient(int status, String body) {
        if (status == 429) {
            // Gemini names the exhausted quota in google.rpc.QuotaFailure; a per-day one lasts until tomorrow
            return body == null || !body.contains("PerDay");
        }
        return status >= 500;
    }
}
