package routes.questionlog;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import routes.background.Backoff;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The question log's database as the app holds it: a connection pool, migrated at start. A database
 * that is down at start does not stop the app: migrations are tried again in the background (1 s
 * doubling to 30 s) while record-answers waits ({@link #requireReady}: a transient failure, so its
 * records go back to Kafka, never to the dead-letter queue). Its health check is rtfm/log-database.
 */
public class QuestionLog extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionLog.class);

    private final LogDatabase database;
    private final HikariDataSource pool;
    private volatile boolean migrated;
    private volatile String failure;
    private volatile Instant lastGoodCheck;
    private Thread migrator;

    public QuestionLog(LogDatabase database) {
        this.database = database;
        this.pool = database.pool("rtfm-log");
    }

    /** The pool routes.yaml's sql: endpoints use (dataSource=#logDatabase). */
    public HikariDataSource dataSource() {
        return pool;
    }

    /** Throws a transient failure until the schema is in place, so a record is retried rather than written to a database without it. */
    public void requireReady() throws SQLTransientConnectionException {
        if (!migrated) {
            throw new SQLTransientConnectionException("the question log's database is not ready: "
                    + (failure == null ? "migrating" : failure));
        }
    }

    public boolean ready() {
        return migrated;
    }

    @Override
    protected void doStart() {
        if (!tryMigrate()) {
            LOG.warn("The question log's database {} is not reachable ({}); the log waits for it, answers do not",
                    database.safeUrl(), failure);
            migrator = new Thread(this::migrateWhenReachable, "rtfm-log-migrate");
            migrator.setDaemon(true);
            migrator.start();
        }
    }

    private boolean tryMigrate() {
        try {
            int applied = LogDatabase.migrate(pool);
            migrated = true;
            failure = null;
            lastGoodCheck = Instant.now();
            LOG.info("Question log in {}: {} migration(s) applied", database.safeUrl(), applied);
            return true;
        } catch (RuntimeException | Error e) {
            // an Error too: the thread that retries would end on it, and the log would wait for ever with no one trying
            failure = describe(e);
            return false;
        }
    }

    private void migrateWhenReachable() {
        Backoff backoff = new Backoff();
        while (isRunAllowed() && !migrated) {
            try {
                backoff.pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            tryMigrate();
        }
    }

    /** The innermost message: "Connection refused", not the pool's wrapping of it. */
    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    public HealthCheck healthCheck() {
        return new AbstractHealthCheck("rtfm", "log-database") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.detail("database", database.embedded() ? "embedded H2" : "PostgreSQL");
                if (lastGoodCheck != null) {
                    builder.detail("last_good_check", lastGoodCheck.toString());
                }
                if (!migrated) {
                    builder.message("the question log's database is not ready: " + failure).down();
                    return;
                }
                try (Connection connection = pool.getConnection()) {
                    if (connection.isValid(2)) {
                        lastGoodCheck = Instant.now();
                        builder.up();
                    } else {
                        builder.message("the question log's database does not answer").down();
                    }
                } catch (SQLException e) {
                    builder.message("the question log's database does not answer: " + describe(e)).down();
                }
            }
        };
    }

    @Override
    protected void doStop() {
        if (migrator != null) {
            migrator.interrupt();
        }
    }

    /**
     * The pool closes only when the app shuts down: stopping and starting a route that writes the log (an operator,
     * bench's log-off blocks) stops the services it uses, and must leave them usable when it starts again.
     */
    @Override
    protected void doShutdown() {
        pool.close();
    }
}
