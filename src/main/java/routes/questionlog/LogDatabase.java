package routes.questionlog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * Where the question log lives: PostgreSQL at rtfm.database.url (RTFM_DATABASE_URL) in production, or,
 * when that is empty, an H2 file under rtfm.local.dir that a second process (`log tail`) may open while
 * the app runs (H2's AUTO_SERVER). The same migrations (db/migration) and statements (sql/) run on both.
 */
public record LogDatabase(String url, String user, String password, int poolSize, long connectTimeoutMs) {

    /** The embedded default: an H2 file in PostgreSQL mode, under the local directory. */
    public static String embeddedUrl(Path localDir) {
        return "jdbc:h2:file:" + embeddedBase(localDir) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    }

    /** The file H2 keeps the embedded log in, once something has written it. */
    public static Path embeddedFile(Path localDir) {
        Path base = embeddedBase(localDir);
        return base.resolveSibling(base.getFileName() + H2_FILE_SUFFIX);
    }

    private static final String H2_FILE_SUFFIX = ".mv.db";

    private static Path embeddedBase(Path localDir) {
        return localDir.toAbsolutePath().resolve("log").resolve("rtfm");
    }

    /** @param url rtfm.database.url; empty or null: the embedded default under localDir */
    public static LogDatabase of(String url, String user, String password, int poolSize, long connectTimeoutMs, Path localDir) {
        String resolved = url == null || url.isBlank() ? embeddedUrl(localDir) : url.trim();
        return new LogDatabase(resolved, user, password, poolSize, connectTimeoutMs);
    }

    public boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * A pool that does not connect until asked: a database that is down at start delays the log, never
     * the answers (QuestionLog migrates it once it answers).
     */
    public HikariDataSource pool(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectTimeoutMs);
        config.setValidationTimeout(Math.min(connectTimeoutMs, 5000));
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Applies the versioned migrations (db/migration) that this database has not had yet. */
    public static int migrate(javax.sql.DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate().migrationsExecuted;
    }

    /** The URL without credentials, for logs and health details (a PostgreSQL URL may carry a password parameter). */
    public String safeUrl() {
        int parameters = url.indexOf('?');
        String withoutParameters = parameters < 0 ? url : url.substring(0, parameters);
        int h2Options = withoutParameters.indexOf(';');
        return h2Options < 0 ? withoutParameters : withoutParameters.substring(0, h2Options);
    }
}
