package routes.questionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmApplication;
import routes.metrics.RtfmMetrics;
import routes.schema.BotQuery;
import routes.schema.WireFormat;
import routes.testing.CuttableProxy;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;
import routes.testing.TestDatabase;
import routes.testing.TopicReader;

/**
 * The database goes away for 20 s while 100 questions are asked and answered: answers keep coming, the log
 * writer waits (retried, then handed back to Kafka) and, once the database answers again, every question is
 * logged with its answer; nothing is dead-lettered. The outage is a real one for the app: its connections to
 * the real PostgreSQL are cut and refused (CuttableProxy).
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuestionLogOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final int QUESTIONS = 100;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final WireFormat wire = new WireFormat();
    private final Properties config = new Properties();
    private final String schemaUrl = TestDatabase.freshSchema("log_outage");
    private CuttableProxy proxy;
    private RtfmApplication app;

    @BeforeAll
    void start() throws Exception {
        // the app reaches PostgreSQL only through the proxy: same server, same schema
        java.net.URI server = java.net.URI.create(schemaUrl.substring("jdbc:".length()));
        proxy = new CuttableProxy(server.getHost(), server.getPort());
        config.putAll(TestApps.config("logoutage", run));
        config.setProperty("rtfm.database.url", schemaUrl.replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port()));
        config.setProperty("rtfm.database.connect-timeout-ms", "2000");
        app = new RtfmApplication(config);
        app.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        TestDatabase.drop(schemaUrl);
    }

    @Test
    void everyQuestionAskedDuringAnOutageIsLoggedOnceTheDatabaseIsBack() throws Exception {
        List<String> ids = new ArrayList<>();
        List<Map.Entry<String, String>> first = new ArrayList<>();
        List<Map.Entry<String, String>> second = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            String id = "query_outage_" + run + "_" + i;
            ids.add(id);
            BotQuery query = new BotQuery(id, id, "how do I restart the indexer, question " + i + "?", "asker" + i, "u" + i, "help",
                    Instant.now().toString(), Map.of(BotQuery.ORIGIN, "http"), 1, "outage-guild", null, null);
            (i < QUESTIONS / 2 ? first : second).add(Map.entry("help:u" + i, wire.write(query)));
        }
        proxy.cut();
        long cutAt = System.currentTimeMillis();
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("queries"), first);
        Thread.sleep(OUTAGE.toMillis() / 2);
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("queries"), second);
        // answers do not wait for the log: all 100 are published while the database is still away
        await().atMost(OUTAGE).until(() -> TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("responses")).size() >= QUESTIONS);
        assertThat(System.currentTimeMillis() - cutAt).isLessThan(OUTAGE.toMillis());
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.currentTimeMillis() - cutAt)));
        proxy.restore();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> answeredRows() == QUESTIONS);
        MeterRegistry registry = app.context().getRegistry().lookupByNameAndType("rtfmMetrics", RtfmMetrics.class).registry();
        double failures = registry.find("rtfm.log.write.failures").counters().stream().mapToDouble(c -> c.count()).sum();
        System.out.printf("QuestionLogOutageIT: %d questions logged after a %d s outage; %.0f failed write attempts retried%n",
                QUESTIONS, OUTAGE.toSeconds(), failures);
        // the writer did meet the outage, and waited it out rather than dead-letter anything
        assertThat(failures).isGreaterThan(0);
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("dead-letter"))).isEmpty();
    }

    private int answeredRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(schemaUrl); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM questions WHERE question IS NOT NULL AND mode IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String topic(String role) {
        return config.getProperty("rtfm.topics." + role + ".name");
    }
}
