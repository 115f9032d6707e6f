package routes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.kafka.ConsumerLag;
import routes.kafka.KafkaClientSettings;
import routes.local.EmbeddedKafkaBroker;
import routes.testing.AppIT;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * `import` of DiscordChatExporter exports into a running app, on the real broker and Chroma: the
 * real sample's ordinary messages and replies are stored, its system notices are not, an old
 * "RTFM ..." in an export is knowledge and is never answered, a second import adds nothing, and a
 * broken file is named with the position of the fault.
 */
class ImportIT extends AppIT {

    private static final Path SAMPLE = Path.of("src/test/resources/data/llamaindex-help-sample.json");
    private static final Duration WAIT = Duration.ofSeconds(120);

    private Path exports;

    @BeforeAll
    void start() throws Exception {
        configure("import");
        startApp();
        exports = Files.createTempDirectory("rtfm-exports");
        Files.copy(SAMPLE, exports.resolve("llamaindex-help.json"));
        Files.writeString(exports.resolve("old-question.json"), """
                {"guild": {"id": "555", "name": "Test"}, "channel": {"id": "9100", "name": "archive"},
                 "messages": [
                   {"id": "9100000000000000001", "type": "Default", "timestamp": "2021-03-04T05:06:07+00:00",
                    "content": "RTFM what is the deploy command for the %s cluster?", "author": {"id": "77", "name": "old-timer", "isBot": false}},
                   {"id": "9100000000000000002", "type": "ThreadCreated", "timestamp": "2021-03-04T05:07:00+00:00",
                    "content": "Started a thread.", "author": {"id": "77", "name": "old-timer", "isBot": false}}
                 ]}
                """.formatted(run));
    }

    private CliTest.Outcome importing(String... paths) {
        System.setProperty("rtfm.topics.messages.name", topic("messages"));
        try {
            String[] line = new String[paths.length + 3];
            line[0] = "import";
            System.arraycopy(paths, 0, line, 1, paths.length);
            line[paths.length + 1] = "--bootstrap-servers";
            line[paths.length + 2] = SharedInfrastructure.kafkaBootstrap();
            return CliTest.run(line);
        } finally {
            System.clearProperty("rtfm.topics.messages.name");
        }
    }

    @Test
    void exportsAreStoredAsKnowledgeOnceWithoutTheirSystemNotices() throws Exception {
        // counted once by hand from the sample's 394 messages: 214 Default and 110 Reply are knowledge; 69 ThreadCreated
        // and 1 ChannelPinnedMessage are system notices. 1059268017038557184 is a notice, 1059559254425612420 a reply.
        long knowledge = 214 + 110;
        long notices = 69 + 1;
        String notice = "1059268017038557184";
        String reply = "1059559254425612420";

        CliTest.Outcome first = importing(exports.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("imported " + (knowledge + 1) + " message(s) from 2 file(s)")
                .contains((notices + 1) + " system notice(s) left out");
        long expected = knowledge + 1;
        await().atMost(WAIT).until(() -> chroma.count() == expected);
        assertThat(stored(reply)).isTrue();
        assertThat(stored(notice)).isFalse();
        assertThat(stored("9100000000000000002")).isFalse();
        // "cc @user-5 , I have an initial version ..." mentions user-5 (900000000000000005 in the export): kept with it
        assertThat(chroma.post(chroma.operationUrl("get"), "{\"ids\": [\"1059737181234671676\"], \"include\": [\"metadatas\"]}")
                .path("metadatas").path(0).path("mentions").asText()).isEqualTo("900000000000000005");
        // the old question is knowledge, and nobody is answered years later
        assertThat(stored("9100000000000000001")).isTrue();
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("queries"))).isEmpty();
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("messages")))
                .allMatch(r -> r.value().contains("\"source\":\"import\""));

        // again, as in local mode: no --bootstrap-servers, the running broker's address found in the local directory
        Path localDir = Files.createTempDirectory("rtfm-local");
        Files.createDirectories(localDir.resolve("kafka"));
        Files.writeString(localDir.resolve("kafka").resolve(EmbeddedKafkaBroker.ADDRESS_FILE), SharedInfrastructure.kafkaBootstrap());
        System.setProperty("rtfm.topics.messages.name", topic("messages"));
        System.setProperty("rtfm.local.dir", localDir.toString());
        CliTest.Outcome again;
        try {
            again = CliTest.run("import", SAMPLE.toString());
        } finally {
            System.clearProperty("rtfm.topics.messages.name");
            System.clearProperty("rtfm.local.dir");
        }
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("imported " + knowledge + " message(s) from 1 file(s)");
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of(config.getProperty("rtfm.kafka.processor-group-id"), topic("messages")) == 0);
        }
        assertThat(chroma.count()).isEqualTo(expected);
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("responses"))).isEmpty();
    }

    @Test
    void aBrokenFileIsNamedWithThePositionAndTheOthersAreImported() throws Exception {
        Path broken = Files.createTempFile("broken-export", ".json");
        // an export cut off mid-message, as a failed download leaves it
        Files.writeString(broken, """
                {"guild": {"id": "555", "name": "Test"}, "channel": {"id": "9100", "name": "archive"},
                 "messages": [
                   {"id": "9100000000000000001", "type": "Default", "timestamp": "2021-03-04T05:06:07+00:00",
                    "content": "half a mess""");
        Path notAnExport = Files.createTempFile("not-an-export", ".json");
        Files.writeString(notAnExport, "{\"hello\": \"world\"}");
        CliTest.Outcome outcome = importing(broken.toString(), notAnExport.toString(), exports.resolve("old-question.json").toString());
        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.err()).contains(broken.toString() + ": not valid JSON at line").contains("column")
                .contains(notAnExport + " (line 1): not a DiscordChatExporter JSON export: no 'messages' array")
                .contains("2 of 3 file(s) could not be read");
        assertThat(importing("/no/such/export.json").exit()).isEqualTo(2);
    }
}
