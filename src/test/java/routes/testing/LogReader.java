package routes.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The question log as a test reads it back from the database: rows by SQL, a question's row, and waiting for it. */
public final class LogReader {

    private final Supplier<String> url;
    private final Duration wait;

    /** The database is given as a supplier: a test class learns its URL when its app starts. */
    public LogReader(Supplier<String> url, Duration wait) {
        this.url = url;
        this.wait = wait;
    }

    /** Each row a map of lower-case column label to value. */
    public List<Map<String, Object>> rows(String sql, Object... params) throws Exception {
        return TestDatabase.rows(url.get(), sql, params);
    }

    /** A question's row of the question_log view; null when it has none. */
    public Map<String, Object> row(String queryId) throws Exception {
        List<Map<String, Object>> found = rows("SELECT * FROM question_log WHERE query_id = ?", queryId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Waits until a question's row is there and ready by the test's measure. */
    public Map<String, Object> awaitRow(String queryId, Predicate<Map<String, Object>> ready) {
        return await().atMost(wait).pollInterval(Duration.ofMillis(200)).until(() -> row(queryId), r -> r != null && ready.test(r));
    }
}
