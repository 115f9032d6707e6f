package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.schema.DeadLetter;
import routes.testing.AppIT;
import routes.testing.MetricSeries;
import routes.testing.TopicReader;

/**
 * Every record every consumer takes ends in exactly one outcome, whatever its producer did: records
 * written with the broker's plain producer, without keys (the Python system's own records among them),
 * empty, null, oversized, unparseable or keyed by another message. discord-messages here has the
 * delete policy (a topic the Python system made, or the seed's 7-day setting): only such a topic
 * accepts unkeyed records at all; the compacted default refuses them to their producer (IngestBatchIT).
 * The expected outcomes below are counted by hand from the records written.
 */
class RecordAccountingIT extends AppIT {

    private static final int MAX_RECORD_BYTES = 4096;

    private String bootstrap;

    @BeforeAll
    void start() throws Exception {
        configure("accounting");
        config.setProperty("rtfm.topics.messages.cleanup-policy", "delete");
        config.setProperty("rtfm.topics.messages.retention-ms", "604800000");
        config.setProperty("rtfm.max-record-bytes", Integer.toString(MAX_RECORD_BYTES));
        startApp();
        bootstrap = config.getProperty("rtfm.kafka.bootstrap-servers");
    }

    @Test
    void everyRecordWithoutAKeyEndsInExactlyOneOutcomeAndTheCountersAddUp() throws Exception {
        String messages = topic("messages");
        List<Map.Entry<String, String>> log = new ArrayList<>();
        // five chat messages exactly as the Python system wrote them, no key: stored under their own message_id
        for (int i = 1; i <= 5; i++) {
            log.add(unkeyed(pythonMessage(id(i), "Chunk size " + i + "00 worked best for the PDF loader")));
        }
        // a question to the bot, no key: skipped (a question is not knowledge)
        log.add(unkeyed(pythonMessage(id(6), "RTFM what is the API endpoint?")));
        // dead-lettered, each with its reason: not JSON, cut short, missing fields, empty, a tombstone that names nothing,
        // a record over rtfm.max-record-bytes, a record keyed by another message
        log.add(unkeyed("not json at all"));
        log.add(unkeyed("{\"message_id\": \"" + id(7) + "\", \"content\": "));
        log.add(unkeyed("{\"message_id\": \"" + id(8) + "\", \"content\": \"no author\"}"));
        log.add(unkeyed(""));
        log.add(unkeyed(null));
        log.add(unkeyed(pythonMessage(id(9), "x".repeat(MAX_RECORD_BYTES))));
        log.add(new SimpleEntry<>(id(1), pythonMessage(id(10), "keyed by message 1, but it is message 10")));
        // and one as the wire contract keys it
        log.add(new SimpleEntry<>(id(11), pythonMessage(id(11), "Keyed by its own id, as the contract says")));
        TopicReader.sendAll(bootstrap, messages, log);

        await().atMost(Duration.ofSeconds(90)).until(() -> outcome(messages, "ingest-messages", "dead_lettered") == 7
                && outcome(messages, "ingest-messages", "stored") == 6);
        assertThat(chroma.post(chroma.recordsUrl() + "/get", "{\"ids\": [\"" + id(1) + "\", \"" + id(5) + "\", \"" + id(10) + "\"]}")
                .path("ids").size()).as("the unkeyed messages are stored under their message_id; the mis-keyed one is not").isEqualTo(2);

        List<DeadLetter> letters = TopicReader.all(bootstrap, topic("dead-letter")).stream().map(ConsumerRecord::value)
                .map(value -> wire.parse(value, DeadLetter.class)).filter(l -> messages.equals(l.originalTopic())).toList();
        assertThat(letters).hasSize(7).allSatisfy(letter -> {
            assertThat(letter.partition()).as("partition").isNotNull();
            assertThat(letter.offset()).as("offset").isNotNull();
        });
        assertThat(letters).filteredOn(l -> l.key() == null).as("unkeyed dead letters keep their null key").hasSize(6);
        assertThat(letters).extracting(DeadLetter::error).anySatisfy(e -> assertThat(e).contains("not valid JSON"))
                .anySatisfy(e -> assertThat(e).contains("no key"))
                .anySatisfy(e -> assertThat(e).contains("over the limit"))
                .anySatisfy(e -> assertThat(e).contains("is empty"))
                .anySatisfy(e -> assertThat(e).contains("required property"))
                .anySatisfy(e -> assertThat(e).contains("'" + id(1) + "' does not match its message_id '" + id(10) + "'"));

        // an operator's purge of message 5: a keyed tombstone deletes it
        TopicReader.sendAll(bootstrap, messages, List.of(new SimpleEntry<>(id(5), null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> outcome(messages, "ingest-messages", "deleted") == 1);
        assertThat(chroma.count()).isEqualTo(5);

        // the question path, the Python system's own records without keys, and two that cannot be read
        String queries = topic("queries");
        TopicReader.sendAll(bootstrap, queries, List.of(unkeyed("""
                {"query_id": "query_%s", "original_message_id": "1234567890", "question": "what is the API endpoint?",
                 "username": "user#1234", "user_id": "987654321", "channel_id": "111222333",
                 "timestamp": "2025-11-02T12:34:56.789Z", "context": {}}""".formatted(run)), unkeyed(null), unkeyed("{]"), unkeyed(""),
                unkeyed("{\"query_id\": \"" + "q".repeat(MAX_RECORD_BYTES) + "\"}")));
        String responses = topic("responses");
        TopicReader.sendAll(bootstrap, responses, List.of(unkeyed("""
                {"response_id": "response_%s", "query_id": "query_abc123", "original_message_id": "1234567890",
                 "response_text": "The API endpoint is /api/v1/data", "channel_id": "111222333",
                 "timestamp": "2025-11-02T12:34:57.123Z", "metadata": {"confidence": 0.95, "sources_count": 3}}""".formatted(run)),
                unkeyed(null), unkeyed("nope"), unkeyed("")));
        // compacted topics take keyed records only: a tombstone and a record that is not an opt-out or an index state
        String optOuts = topic("optouts");
        TopicReader.sendAll(bootstrap, optOuts, List.of(new SimpleEntry<>("g:user:1", null), new SimpleEntry<>("g:user:2", "nope")));
        String indexState = topic("index-state");
        TopicReader.sendAll(bootstrap, indexState, List.of(new SimpleEntry<>("active", "nope"), new SimpleEntry<>("other", "{}")));

        await().atMost(Duration.ofSeconds(90)).until(() -> outcome(queries, "answer-queries", "answered") == 1
                // null, not JSON, empty, over rtfm.max-record-bytes
                && outcome(queries, "answer-queries", "dead_lettered") == 4
                // the Python response and the answer to the Python question name no gateway of ours; three cannot be read
                && outcome(responses, "deliver-responses", "skipped") == 2
                && outcome(responses, "deliver-responses", "dead_lettered") == 3
                && outcome(optOuts, "apply-opt-outs", "skipped") == 1
                && outcome(optOuts, "apply-opt-outs", "dead_lettered") == 1
                && outcome(optOuts, "follow-opt-outs", "skipped") == 2
                && outcome(indexState, "follow-index-state", "skipped") == 2
                // the question log's writer settles a poll at a time: wait until it has settled what it took
                && metrics().sumBy("rtfm_records_taken_total", "topic", "reader").equals(metrics().sumBy("rtfm_records_total", "topic", "reader")));

        MetricSeries metrics = metrics();
        // and why each skipped record was skipped, counted by hand from what was written
        assertThat(skipped(metrics, messages, "ingest-messages", "question")).isEqualTo(1);
        assertThat(skipped(metrics, responses, "deliver-responses", "no_gateway")).isEqualTo(2);
        assertThat(skipped(metrics, optOuts, "apply-opt-outs", "tombstone")).isEqualTo(1);
        assertThat(skipped(metrics, optOuts, "follow-opt-outs", "unreadable")).isEqualTo(1);
        assertThat(skipped(metrics, optOuts, "follow-opt-outs", "no_change")).as("a tombstone of no choice").isEqualTo(1);
        assertThat(skipped(metrics, indexState, "follow-index-state", "no_change")).isEqualTo(2);
        assertThat(outcome(messages, "ingest-messages", "skipped")).as("the question").isEqualTo(1);
        assertThat(metrics.sum("rtfm_records_taken_total", Map.of("topic", messages, "reader", "ingest-messages"))).isEqualTo(6 + 1 + 7 + 1);
        // the invariant: for every topic and reader, what was taken equals the sum of its outcomes
        Map<String, Double> takenByReader = metrics.sumBy("rtfm_records_taken_total", "topic", "reader");
        Map<String, Double> settledByReader = metrics.sumBy("rtfm_records_total", "topic", "reader");
        assertThat(takenByReader).containsKeys(messages + "/ingest-messages", queries + "/answer-queries",
                responses + "/deliver-responses", optOuts + "/apply-opt-outs", optOuts + "/follow-opt-outs",
                indexState + "/follow-index-state");
        assertThat(settledByReader).as("every record taken has one outcome").isEqualTo(takenByReader);
        String health = page("/observe/health?data=true");
        assertThat(health).as("the followers of compacted topics show in health").contains("follow-opt-outs").contains("follow-index-state")
                .contains("last_poll_age_ms");
    }

    private String id(int n) {
        return "py-" + run + "-" + n;
    }

    private static Map.Entry<String, String> unkeyed(String value) {
        return new SimpleEntry<>(null, value);
    }

    private static String pythonMessage(String id, String content) {
        return """
                {"message_id": "%s", "content": "%s", "username": "user#1234", "user_id": "987654321",
                 "channel_id": "111222333", "timestamp": "2025-11-02T12:34:56.789Z", "metadata": {}}""".formatted(id, content);
    }

    private double outcome(String topic, String reader, String outcome) throws Exception {
        return metrics().sum("rtfm_records_total", Map.of("topic", topic, "reader", reader, "outcome", outcome));
    }

    private static double skipped(MetricSeries metrics, String topic, String reader, String reason) {
        return metrics.sum("rtfm_records_skipped_total", Map.of("topic", topic, "reader", reader, "reason", reason));
    }

    private MetricSeries metrics() throws Exception {
        return MetricSeries.parse(page("/observe/metrics"));
    }
}
