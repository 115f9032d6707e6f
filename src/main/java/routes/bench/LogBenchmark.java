package routes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import routes.RtfmApplication;
import routes.kafka.ConsumerLag;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicCatalog;
import routes.local.ChromaServer;
import routes.local.EmbeddedKafkaBroker;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.Feedback;
import routes.schema.RecordKeys;
import routes.schema.WireFormat;

/**
 * `bench --log`: how fast the question log keeps up. N questions, each with its answer (5 cited messages) and a
 * vote, are written to their topics at once, as the answer route and the gateways would write them (the answer
 * route is stopped, so only the log reads them); the figure is the rate at which record-answers made their rows
 * complete in the database, and the writer's lag when it was done.
 */
public final class LogBenchmark {

    public record Report(int questions, double seconds, double rowsPerS, long lagWhenDone, String database) {
    }

    private LogBenchmark() {
    }

    /** @param databaseUrl the log's database (RTFM_DATABASE_URL), or empty for a fresh embedded one */
    public static Report run(int questions, String databaseUrl, Path localDir, Consumer<String> progress) throws Exception {
        String run = "bench-log-" + UUID.randomUUID().toString().substring(0, 8);
        Path scratch = Files.createTempDirectory(run);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary();
             ChromaServer chromaServer = new ChromaServer(localDir.resolve("chroma-server"), scratch.resolve("chroma"))) {
            Properties config = new Properties();
            String bootstrap = broker.start();
            config.setProperty("rtfm.kafka.bootstrap-servers", bootstrap);
            config.setProperty("rtfm.chroma.url", chromaServer.start());
            config.setProperty("rtfm.chroma.collection", run);
            TopicCatalog.ROLES.forEach(role -> config.setProperty("rtfm.topics." + role + ".name", run + "-" + role));
            config.setProperty("rtfm.console.enabled", "false");
            config.setProperty("rtfm.backfill.enabled", "false");
            config.setProperty("rtfm.http.port", Integer.toString(routes.local.FreePort.pick()));
            config.setProperty("rtfm.local.dir", scratch.toString());
            config.setProperty("rtfm.database.url", databaseUrl == null ? "" : databaseUrl);
            try (RtfmApplication app = new RtfmApplication(config)) {
                CamelContext camel = app.start();
                // only the log reads what is written here
                camel.getRouteController().stopRoute("answer-queries");
                camel.getRouteController().stopRoute("deliver-responses");
                String readUrl = databaseUrl == null || databaseUrl.isBlank()
                        ? routes.questionlog.LogDatabase.embeddedUrl(scratch) : databaseUrl;
                progress.accept("writing " + questions + " questions, their answers (5 sources each) and a vote each to the topics");
                long started = System.nanoTime();
                publish(bootstrap, config, questions, run);
                progress.accept("waiting for record-answers to make " + questions + " complete rows in "
                        + (readUrl.startsWith("jdbc:h2:") ? "the embedded H2" : "PostgreSQL"));
                try (Connection connection = DriverManager.getConnection(readUrl, user(), password())) {
                    while (complete(connection, run) < questions) {
                        Thread.sleep(200);
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long lag = 0;
                try (ConsumerLag consumerLag = new ConsumerLag(KafkaClientSettings.of(bootstrap))) {
                    String group = camel.resolvePropertyPlaceholders("{{rtfm.kafka.log-group-id}}");
                    for (String role : List.of("queries", "responses", "feedback", "optouts")) {
                        lag += Math.max(0, consumerLag.of(group, config.getProperty("rtfm.topics." + role + ".name")));
                    }
                }
                return new Report(questions, seconds, questions / seconds, lag,
                        readUrl.startsWith("jdbc:h2:") ? "embedded H2" : "PostgreSQL");
            }
        }
    }

    private static String user() {
        return System.getenv("RTFM_DATABASE_USER");
    }

    private static String password() {
        return System.getenv("RTFM_DATABASE_PASSWORD");
    }

    /** Rows of this run with their question, their answer and their vote. */
    private static int complete(Connection connection, String run) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM questions q WHERE q.query_id LIKE '" + run + "-%'"
                     + " AND q.question IS NOT NULL AND q.mode IS NOT NULL AND EXISTS (SELECT 1 FROM votes v WHERE v.query_id = q.query_id)")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void publish(String bootstrap, Properties config, int questions, String run) throws Exception {
        WireFormat wire = new WireFormat();
        RecordKeys keys = new RecordKeys();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < questions; i++) {
                String id = run + "-" + i;
                String channel = "bench-channel-" + (i % 20);
                Instant asked = Instant.now();
                BotQuery query = new BotQuery(id, id, "how do I configure the API endpoint, question " + i + "?", "asker" + (i % 50),
                        "u" + (i % 50), channel, asked.toString(), Map.of(BotQuery.ORIGIN, "http"), 1, "bench-guild", null, null);
                List<BotResponse.Source> sources = new ArrayList<>();
                for (int s = 0; s < 5; s++) {
                    sources.add(new BotResponse.Source("m" + (i * 5 + s), channel, "helper", null, 0.8 - s * 0.05, "an excerpt " + s));
                }
                BotResponse answer = new BotResponse(BotResponse.idFor(id), id, id, "Set it in settings.yaml [1].", channel,
                        asked.plusMillis(900).toString(), Map.of(BotResponse.GUILD_ID, "bench-guild", BotResponse.ASKER_ID, "u" + (i % 50)),
                        1, BotResponse.GENERATED, sources, "gemini-2.5-flash", 900L);
                Feedback vote = new Feedback(id, "bench-guild", channel, "voter" + (i % 30), i % 4 == 0 ? Feedback.DOWN : Feedback.UP, null,
                        asked.plusSeconds(5).toString(), 1);
                producer.send(new ProducerRecord<>(config.getProperty("rtfm.topics.queries.name"), keys.keyOf(query), wire.write(query)));
                producer.send(new ProducerRecord<>(config.getProperty("rtfm.topics.responses.name"), keys.keyOf(answer), wire.write(answer)));
                producer.send(new ProducerRecord<>(config.getProperty("rtfm.topics.feedback.name"), keys.keyOf(vote), wire.write(vote)));
            }
            producer.flush();
        }
    }
}
