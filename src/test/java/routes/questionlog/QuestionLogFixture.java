package routes.questionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.schema.OptOut;
import routes.schema.BotQuery;
import routes.schema.WireFormat;
import routes.testing.SharedInfrastructure;
import routes.testing.LogReader;
import routes.testing.TestApps;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;

/**
 * An app with the question log on, two messages stored for its questions to find, and how a test drives it as a user
 * would: the HTTP API to ask and vote, the opt-out topic to forget, `log tail` as a second process runs it.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuestionLogFixture {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String GUILD = "log-guild";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final WireFormat wire = new WireFormat();
    final Properties config = new Properties();
    final HttpClient http = HttpClient.newHttpClient();
    final LogReader log = new LogReader(this::readUrl, WAIT);
    RtfmApplication app;
    String keyMessage;

    /** rtfm.database.url for this run ("" = the embedded default). */
    abstract String databaseUrl();

    /** Where a test connects to read the log (the same database the app writes). */
    abstract String readUrl();

    void cleanUp() {
    }

    @BeforeAll
    void start() throws Exception {
        config.putAll(TestApps.config("log" + getClass().getSimpleName().toLowerCase().replace("questionlog", "").replace("it", ""), run));
        config.setProperty("rtfm.database.url", databaseUrl());
        app = new RtfmApplication(config);
        ChromaCollection chroma = app.start().getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
        keyMessage = "log-" + run + "-keys";
        List<Map.Entry<String, String>> messages = List.of(
                Map.entry(keyMessage, message(keyMessage, "To rotate the API key open Settings, then Keys, and press Rotate.", "ana")),
                Map.entry("log-" + run + "-office", message("log-" + run + "-office", "The office is closed on Fridays.", "bob")));
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("messages"), messages);
        await().atMost(WAIT).until(() -> chroma.count() == 2);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        cleanUp();
    }

    /** Runs `log tail` as a second process would, with the app's database settings: exit code, output, errors. */
    String[] logTail(String... args) {
        java.io.PrintStream oldOut = System.out;
        java.io.PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setProperty("rtfm.local.dir", config.getProperty("rtfm.local.dir"));
        System.setProperty("rtfm.database.url", databaseUrl());
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            String[] command = new String[args.length + 2];
            command[0] = "log";
            command[1] = "tail";
            System.arraycopy(args, 0, command, 2, args.length);
            int exit = routes.cli.RtfmCommand.execute(command);
            return new String[] {Integer.toString(exit), out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.clearProperty("rtfm.local.dir");
            System.clearProperty("rtfm.database.url");
        }
    }

    String topic(String role) {
        return config.getProperty("rtfm.topics." + role + ".name");
    }

    String message(String id, String text, String author) {
        return wire.write(ChatMessage.of(id, text).by(author, "id-" + author).in(GUILD, "help", "help").build());
    }

    String ask(String channel, String userId, String username, String question) throws Exception {
        return askIn(GUILD, channel, userId, username, question);
    }

    String askIn(String guild, String channel, String userId, String username, String question) throws Exception {
        String body = WireFormat.mapper().createObjectNode().put("question", question).put("guild_id", guild).put("channel_id", channel)
                .put("user_id", userId).put("username", username).toString();
        HttpResponse<String> answer = post("/api/ask", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode response = WireFormat.mapper().readTree(answer.body());
        return response.path("query_id").asText();
    }

    HttpResponse<String> vote(String queryId, String userId, String vote, String comment) throws Exception {
        var body = WireFormat.mapper().createObjectNode().put("query_id", queryId).put("user_id", userId).put("vote", vote)
                .put("guild_id", GUILD).put("channel_id", "help");
        if (comment != null) {
            body.put("comment", comment);
        }
        return post("/api/feedback", body.toString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A question from #help of the log's guild, as the HTTP API writes it, asked at that time; context adds to its origin. */
    BotQuery question(String id, String text, String username, String userId, Instant askedAt, Map<String, Object> context) {
        Map<String, Object> all = new LinkedHashMap<>(context);
        all.put(BotQuery.ORIGIN, "http");
        return new BotQuery(id, id, text, username, userId, "help", askedAt.toString(), all, WireFormat.SCHEMA_VERSION, GUILD, null, null);
    }

    /** Questions written to bot-queries as the gateways key them: by channel and asker. */
    void sendQueries(BotQuery... questions) throws Exception {
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("queries"),
                Arrays.stream(questions).map(q -> Map.entry(q.channelId() + ":" + q.userId(), wire.write(q))).toList());
    }

    void publishChoice(OptOut choice) throws Exception {
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("optouts"), choice.key(), wire.write(choice));
    }

    static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }
}
