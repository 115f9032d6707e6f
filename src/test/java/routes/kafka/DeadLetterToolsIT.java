package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.cli.CliTest;
import routes.schema.WireFormat;
import routes.testing.AppIT;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * Poison records among good ones: the good ones are stored, the poison ones dead-lettered with
 * their reason; an operator lists them, exports them, fixes them and replays them, and each fixed
 * record is stored exactly once, however often it is replayed. On the real broker and Chroma.
 */
class DeadLetterToolsIT extends AppIT {

    private static final int GOOD = 300;
    private static final int POISON = 50;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    void start() throws Exception {
        configure("dlq");
        startApp();
    }

    private CliTest.Outcome dlq(String... args) {
        List<String> line = new ArrayList<>(List.of("dlq"));
        line.addAll(List.of(args));
        line.addAll(List.of("--bootstrap-servers", SharedInfrastructure.kafkaBootstrap(), "--dlq-topic", topic("dead-letter")));
        return CliTest.run(line.toArray(String[]::new));
    }

    @Test
    void poisonIsDeadLetteredThenFixedAndReplayedExactlyOnce() throws Exception {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < GOOD + POISON; i++) {
            String id = Long.toString(9_000_000_000L + i);
            // every seventh record has no content: it breaks its schema
            String content = i % 7 == 6 ? "" : ", \"content\": \"release note number " + i + " for the tools test\"";
            records.add(Map.entry(id, "{\"message_id\": \"" + id + "\"" + content
                    + ", \"username\": \"u\", \"user_id\": \"1\", \"channel_id\": \"2\", \"timestamp\": \"2025-11-02T12:34:56Z\"}"));
        }
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("messages"), records);
        await().atMost(WAIT).until(() -> chroma.count() == GOOD);
        await().atMost(WAIT).until(() -> TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("dead-letter")).size() == POISON);

        CliTest.Outcome listed = dlq("list", "--topic", topic("messages"));
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("TIME").contains("ORIGINAL TOPIC").contains(POISON + " dead letter(s)");
        assertThat(listed.out().lines().filter(l -> l.contains("InvalidRecordException"))).hasSize(POISON);
        assertThat(listed.out()).contains("required property 'content' not found");
        assertThat(dlq("list", "--topic", "some-other-topic").out()).contains("0 dead letter(s)");

        Path exported = Files.createTempFile("dlq-export", ".jsonl");
        CliTest.Outcome export = dlq("export", "--topic", topic("messages"), "--since", "2000-01-01T00:00:00Z", "--file", exported.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(exported);
        assertThat(lines).hasSize(POISON);

        // the operator's fix: give each record the content it lacked
        List<String> fixed = new ArrayList<>();
        for (String line : lines) {
            ObjectNode envelope = (ObjectNode) WireFormat.mapper().readTree(line);
            ((ObjectNode) envelope.get("message")).put("content", "fixed note for " + envelope.path("key").asText());
            fixed.add(envelope.toString());
        }
        Path corrected = Files.createTempFile("dlq-fixed", ".jsonl");
        Files.write(corrected, fixed);

        CliTest.Outcome dry = dlq("replay", "--from-file", corrected.toString(), "--dry-run");
        assertThat(dry.out()).contains("dry run: " + POISON);
        assertThat(chroma.count()).isEqualTo(GOOD);

        for (int replay = 0; replay < 2; replay++) {
            CliTest.Outcome replayed = dlq("replay", "--from-file", corrected.toString());
            assertThat(replayed.exit()).as(replayed.err()).isZero();
            assertThat(replayed.out()).contains("re-published " + POISON);
        }
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of(config.getProperty("rtfm.kafka.processor-group-id"), topic("messages")) == 0);
        }
        // each fixed record stored once, whatever the number of replays; none dead-lettered again
        assertThat(chroma.count()).isEqualTo(GOOD + POISON);
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("dead-letter"))).hasSize(POISON);
    }

    @Test
    void misuseIsNamedAndExitsTwo() {
        assertThat(dlq("export").exit()).isEqualTo(2);
        CliTest.Outcome since = dlq("list", "--since", "yesterday");
        assertThat(since.exit()).isEqualTo(2);
        assertThat(since.err()).contains("ISO-8601");
        assertThat(dlq("list", "--from-file", "x.jsonl").exit()).isEqualTo(2);
    }
}
