package routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import routes.schema.DeadLetter;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;
import routes.testing.AppIT;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;

/**
 * Batched ingest on the real broker and Chroma: 100 records written at once are taken as one batch
 * (a long batch wait makes sure of it), and the one record among them that cannot be read is
 * dead-lettered alone while the other 99 are stored, and the batch's offsets are committed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestBatchIT extends AppIT {

    private static final int BATCH = 100;
    private static final int POISON_AT = 50;

    @BeforeAll
    void start() throws Exception {
        configure("batch");
        config.setProperty("rtfm.ingest.batch-size", Integer.toString(BATCH));
        config.setProperty("rtfm.ingest.batch-wait-ms", "8000");
        startApp();
    }

    @Test
    @Order(1)
    void onePoisonRecordInABatchOfAHundredStoresTheOtherNinetyNine() throws Exception {
        String topic = config.getProperty("rtfm.topics.messages.name");
        String parent = "batch-" + run + "-parent";
        List<Map.Entry<String, String>> records = new ArrayList<>();
        records.add(Map.entry(parent, wire.write(message(parent, "How do I make the retriever return more chunks?", null))));
        for (int i = 1; i < BATCH - 1; i++) {
            String id = "batch-" + run + "-" + i;
            records.add(i == POISON_AT ? Map.entry(id, "{\"message_id\": \"" + id + "\", \"content\": ")
                    : Map.entry(id, wire.write(message(id, "Batch message " + i + " about vector stores", null))));
        }
        // a reply whose parent is in the same batch, not yet in Chroma: its context comes from the batch itself
        String reply = "batch-" + run + "-reply";
        records.add(Map.entry(reply, wire.write(message(reply, "set similarity_top_k", parent))));
        TopicReader.sendAll(config.getProperty("rtfm.kafka.bootstrap-servers"), topic, records);

        await().atMost(Duration.ofSeconds(90)).until(() -> chroma.count() >= BATCH - 1);
        ConsumerRecord<String, String> envelope = TopicReader.find(config.getProperty("rtfm.kafka.bootstrap-servers"),
                config.getProperty("rtfm.topics.dead-letter.name"), r -> true, Duration.ofSeconds(30));
        assertThat(envelope).as("the poison record, dead-lettered").isNotNull();
        DeadLetter letter = wire.parse(envelope.value(), DeadLetter.class);
        assertThat(letter.key()).isEqualTo("batch-" + run + "-" + POISON_AT);
        assertThat(letter.error()).contains("not valid JSON");
        assertThat(letter.originalTopic()).isEqualTo(topic);
        assertThat(TopicReader.all(config.getProperty("rtfm.kafka.bootstrap-servers"), config.getProperty("rtfm.topics.dead-letter.name")))
                .hasSize(1);

        // committed to the end: the whole batch is done, so what Chroma holds now is all it will hold of it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committed(topic)).isEqualTo(BATCH));
        assertThat(chroma.count()).as("the other 99, and nothing else").isEqualTo(BATCH - 1);
        JsonNode stored = chroma.post(chroma.recordsUrl() + "/get", "{\"ids\": [\"" + reply + "\"], \"include\": [\"metadatas\"]}");
        assertThat(stored.path("metadatas").path(0).path("reply_to_text").asText()).isEqualTo("How do I make the retriever return more chunks?");

        String metrics = page("/observe/metrics");
        assertThat(metrics).as("one batch of 100").containsPattern("rtfm_ingest_batch_size_count 1(\\.0)?\\n").contains("rtfm_ingest_batch_size_sum 100.0");
        assertThat(committed(topic)).as("committed past the whole batch").isEqualTo(BATCH);
    }

    @Test
    @Order(2)
    void anArrayPostedToTheHttpApiIsStoredWhole() throws Exception {
        List<String> ids = List.of("array-" + run + "-1", "array-" + run + "-2", "array-" + run + "-3");
        String body = ids.stream().map(id -> wire.write(message(id, "Posted in one request: " + id, null)))
                .collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + config.getProperty("rtfm.http.port") + "/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(WireFormat.mapper().readTree(response.body()).path("message_ids").toString())
                .isEqualTo(WireFormat.mapper().writeValueAsString(ids));
        String get = WireFormat.mapper().writeValueAsString(Map.of("ids", ids));
        await().atMost(Duration.ofSeconds(60)).until(() -> chroma.post(chroma.recordsUrl() + "/get", get).path("ids").size() == 3);
    }

    @Test
    @Order(3)
    void theCompactedLogRefusesARecordWithoutAKeyToItsProducer() {
        // the broker's own rule for compacted topics: the producer is told, nothing reaches the log (docs/OPERATIONS.md, the failure table)
        String topic = config.getProperty("rtfm.topics.messages.name");
        java.util.Map.Entry<String, String> unkeyed = new java.util.AbstractMap.SimpleEntry<>(null,
                wire.write(message("unkeyed-" + run, "written without a key", null)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TopicReader.sendAll(config.getProperty("rtfm.kafka.bootstrap-servers"),
                topic, List.of(unkeyed))).hasMessageContaining("Compacted topic cannot accept message without key");
    }

    private long committed(String topic) throws Exception {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", config.getProperty("rtfm.kafka.bootstrap-servers"));
        try (Admin client = Admin.create(admin)) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = client
                    .listConsumerGroupOffsets(config.getProperty("rtfm.kafka.processor-group-id")).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = offsets.keySet().stream().filter(tp -> tp.topic().equals(topic))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            long behind = 0;
            for (var end : client.listOffsets(latest).all().get().entrySet()) {
                behind += end.getValue().offset() - offsets.get(end.getKey()).offset();
            }
            assertThat(behind).as("no lag").isZero();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private DiscordMessage message(String id, String content, String replyTo) {
        return ChatMessage.of(id, content).replyingTo(replyTo).build();
    }
}
