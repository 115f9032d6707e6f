package routes.chroma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.cli.CliTest;
import routes.embedding.MessageEmbedder;
import routes.schema.BotResponse;
import routes.testing.AppIT;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;
import routes.testing.StoredRecords;

/**
 * `reindex` against a running app (real broker, real Chroma): the log is rebuilt into a new
 * collection, the app switches to it while it keeps answering, counts are equal, a message deleted
 * before the rebuild stays deleted, and the retired collection is dropped and never created again.
 */
class ReindexIT extends AppIT {

    private static final int MESSAGES = 40;

    @BeforeAll
    void start() throws Exception {
        configure("reindex");
        startApp();
    }

    @Test
    void aRebuildIntoANewCollectionKeepsCountsAnswersAndDeletions() throws Exception {
        String topic = config.getProperty("rtfm.topics.messages.name");
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String id = id(i);
            records.add(Map.entry(id, wire.write(ChatMessage.of(id, "Reindex note " + i + ": the staging cluster restarts at noon").build())));
        }
        // one message deleted later: its tombstone follows it in the log
        records.add(new java.util.AbstractMap.SimpleEntry<>(id(7), null));
        TopicReader.sendAll(config.getProperty("rtfm.kafka.bootstrap-servers"), topic, records);
        await().atMost(Duration.ofSeconds(90)).until(() -> chroma.count() == MESSAGES - 1 && !StoredRecords.stored(chroma, id(7)));
        String before = chroma.name();

        AtomicBoolean asking = new AtomicBoolean(true);
        List<String> answers = new CopyOnWriteArrayList<>();
        Thread asker = new Thread(() -> {
            while (asking.get()) {
                answers.add(ask("when does the staging cluster restart?"));
            }
        });
        asker.start();
        CliTest.Outcome outcome;
        try {
            outcome = reindex("--collection", before + "-rebuilt", "--switch-seconds", "5");
        } finally {
            asking.set(false);
            asker.join();
        }

        assertThat(outcome.exit()).as(outcome.out() + outcome.err()).isZero();
        System.out.printf("ReindexIT: %d answers during the rebuild and switch, modes %s%n%s", answers.size(), new java.util.TreeSet<>(answers),
                outcome.out().lines().filter(line -> line.startsWith("reindex:")).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        assertThat(outcome.out()).contains("'" + before + "-rebuilt' is active");
        assertThat(chroma.name()).as("the running app follows the switch").isEqualTo(before + "-rebuilt");
        assertThat(chroma.count()).as("equal counts").isEqualTo(MESSAGES - 1);
        assertThat(StoredRecords.stored(chroma, id(7))).as("deleted stays deleted").isFalse();
        assertThat(answers).as("answers during the rebuild and the switch").hasSizeGreaterThan(3)
                .allSatisfy(mode -> assertThat(mode).isEqualTo(BotResponse.SOURCES_ONLY));

        ChromaCollection retired = new ChromaCollection(SharedInfrastructure.chromaUrl(), "default_tenant", "default_database", before,
                MessageEmbedder.MODEL_NAME, MessageEmbedder.DIMENSION);
        assertThat(retired.exists()).as("the retired collection is dropped").isFalse();
        // the app goes on writing to the new collection, and nothing brings the old one back
        String later = "reindex-" + run + "-later";
        TopicReader.send(config.getProperty("rtfm.kafka.bootstrap-servers"), topic, later, wire.write(ChatMessage.of(later, "Written after the switch").build()));
        await().atMost(Duration.ofSeconds(60)).until(() -> StoredRecords.stored(chroma, later));
        assertThat(retired.exists()).isFalse();
        assertThat(reindex("--collection", before).exit()).as("a retired name is refused").isNotZero();
    }

    /** The built jar, as an operator runs it: settings from the environment. */
    private CliTest.Outcome reindex(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of("target", "rtfm-bot.jar").toString(), "reindex", "--bootstrap-servers", config.getProperty("rtfm.kafka.bootstrap-servers")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of(
                "RTFM_TOPIC_MESSAGES", config.getProperty("rtfm.topics.messages.name"),
                "RTFM_TOPIC_INDEX_STATE", config.getProperty("rtfm.topics.index-state.name"),
                "CHROMA_URL", SharedInfrastructure.chromaUrl(),
                "CHROMA_COLLECTION", config.getProperty("rtfm.chroma.collection")));
        Path out = Files.createTempFile("reindex-it", ".out");
        Path err = Files.createTempFile("reindex-it", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("reindex finished").isTrue();
        return new CliTest.Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private String ask(String question) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + config.getProperty("rtfm.http.port") + "/api/ask")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + question + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? wire.parseResponse(response.body()).mode() : "HTTP " + response.statusCode();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String id(int i) {
        return "reindex-" + run + "-" + i;
    }
}
