package routes.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL the question-log tests run against: RTFM_TEST_DATABASE_URL when set (the Makefile
 * sets the machine's own server, jdbc:postgresql://127.0.0.1:5432/test?user=postgres), else a Testcontainers
 * PostgreSQL when a Docker engine answers, else a clear failure saying what to start. Each test gets a schema
 * of its own (currentSchema), dropped when it is done.
 */
public final class TestDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static String serverUrl;

    private TestDatabase() {
    }

    /** A JDBC URL to a fresh, empty schema of the shared PostgreSQL server. */
    public static synchronized String freshSchema(String name) {
        String server = server();
        String schema = (name + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(server); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on the test PostgreSQL at " + server + ": " + e.getMessage(), e);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void drop(String schemaUrl) {
        String schema = schemaUrl.substring(schemaUrl.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection connection = DriverManager.getConnection(server()); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            LOG.warn("could not drop test schema {}: {}", schema, e.getMessage());
        }
    }

    private static String server() {
        if (serverUrl != null) {
            return serverUrl;
        }
        String given = System.getenv("RTFM_TEST_DATABASE_URL");
        if (given != null && !given.isBlank()) {
            serverUrl = given.trim();
            LOG.info("Question-log tests use the PostgreSQL at {} (RTFM_TEST_DATABASE_URL)", serverUrl.replaceAll("password=[^&]*", "password=***"));
        } else if (dockerAvailable()) {
            PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
            postgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
            serverUrl = postgres.getJdbcUrl() + "&user=" + postgres.getUsername() + "&password=" + postgres.getPassword();
            LOG.info("Question-log tests use a PostgreSQL container at {}", postgres.getJdbcUrl());
        } else {
            throw new IllegalStateException("the question-log tests need PostgreSQL: set RTFM_TEST_DATABASE_URL (for example "
                    + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres; `make test` sets that one), or run a Docker engine");
        }
        try (Connection ignored = DriverManager.getConnection(serverUrl)) {
            return serverUrl;
        } catch (SQLException e) {
            String url = serverUrl;
            serverUrl = null;
            throw new IllegalStateException("the question-log tests cannot reach PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***")
                    + " (" + e.getMessage() + "): start it, or point RTFM_TEST_DATABASE_URL at one that runs", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** The rows a query returns, each a map of lower-case column label to value: what a test reads back from the log. */
    public static java.util.List<java.util.Map<String, Object>> rows(String url, String sql, Object... params) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            java.util.List<java.util.Map<String, Object>> result = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c).toLowerCase(), rs.getObject(c));
                    }
                    result.add(row);
                }
            }
            return result;
        }
    }
}
