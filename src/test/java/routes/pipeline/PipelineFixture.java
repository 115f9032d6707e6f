package routes.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import routes.kafka.TopicCatalog;
import routes.chroma.ChromaCollection;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;
import routes.schema.DiscordChatExport;
import routes.testing.AppIT;
import routes.testing.Gemini;
import routes.testing.LogCapture;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;

/**
 * The whole pipeline on a real Kafka broker and a real Chroma server, with WireMock as Gemini:
 * 394 real help-channel messages in, cited answers out (PipelineIT), and what it keeps out or
 * cannot answer (PipelineBoundariesIT). After each class's tests, what it did is checked for secrets
 * and internal headers where they must not go.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PipelineFixture extends AppIT {

    static final String API_KEY = "test-gemini-key-" + UUID.randomUUID();
    static final int MAX_RECORD_BYTES = 100_000;
    /** The Chroma server ignores it; the recording proxy in front of it shows whether it was sent, and where. */
    static final String CHROMA_TOKEN = "test-chroma-token-" + UUID.randomUUID();
    static final String GENERATED = "From the chat history: raise similarity_top_k on the query [1].";
    static final Duration WAIT = Duration.ofSeconds(90);

    WireMockServer gemini;
    /** Records every request RTFM makes to the real Chroma server, which it forwards to. */
    WireMockServer chromaProxy;
    List<DiscordMessage> sample;
    LogCapture logs;

    @BeforeAll
    void startRtfm() throws Exception {
        logs = LogCapture.install();
        gemini = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort()), () -> gemini.stop());
        gemini.start();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(10)
                .willReturn(okJson(Gemini.answer(GENERATED))));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1)
                .withRequestBody(containing("OVERLOAD-" + run))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(Gemini.unavailable())));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1)
                .withRequestBody(containing("BLOCKED-" + run))
                .willReturn(okJson(Gemini.blocked())));

        chromaProxy = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort()), () -> chromaProxy.stop());
        chromaProxy.start();
        chromaProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(SharedInfrastructure.chromaUrl())));

        configure("pipeline");
        config.setProperty("rtfm.chroma.url", chromaProxy.baseUrl());
        config.setProperty("rtfm.gemini.api-key", API_KEY);
        config.setProperty("rtfm.chroma.auth-token", CHROMA_TOKEN);
        // small enough to test with records the broker takes; the default is the broker's own 1 MiB
        config.setProperty("rtfm.max-record-bytes", Integer.toString(MAX_RECORD_BYTES));
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.retry.max-redeliveries", "2");
        config.setProperty("rtfm.retry.initial-delay-ms", "20");
        startApp();

        sample = DiscordChatExport.read(PipelineFixture.class.getResourceAsStream("/data/llamaindex-help-sample.json"));
        ProducerTemplate producer = app.context().createProducerTemplate();
        sample.forEach(message -> producer.sendBody("direct:discord-in", message));
        long withText = sample.stream().filter(DiscordMessage::hasText).count();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> chroma.count() >= withText);
        // stored is not yet searchable: the tests ask at once, under the guild's filter as the answer path does
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> routes.testing.ChromaSearch.findable(chroma, probeId(), guildFilter()));
    }

    /** A sample message with text, to check that the guild's messages are searchable. */
    String probeId() {
        return sample.stream().filter(DiscordMessage::hasText).findFirst().orElseThrow().messageId();
    }

    String guildFilter() {
        return "{\"guild_id\": {\"$eq\": \"" + sample.get(0).guildId() + "\"}}";
    }

    /**
     * The response's mode, shown with the response and Chroma's state when it is not the one expected:
     * through the recording proxy the app uses, and straight from the Chroma server behind it.
     */
    void assertMode(JsonNode response, String expected) {
        if (!expected.equals(response.path("mode").asText())) {
            ChromaCollection direct = new ChromaCollection(SharedInfrastructure.chromaUrl(), "default_tenant", "default_database",
                    config.getProperty("rtfm.chroma.collection"), routes.embedding.MessageEmbedder.MODEL_NAME,
                    routes.embedding.MessageEmbedder.DIMENSION);
            assertThat(response.path("mode").asText())
                    .as("%s%nthrough the proxy: %s%nstraight: %s", response, routes.testing.ChromaSearch.describe(chroma, probeId(), guildFilter()),
                            routes.testing.ChromaSearch.describe(direct, probeId(), guildFilter()))
                    .isEqualTo(expected);
        }
    }

    @AfterAll
    void stopLogCapture() {
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theGeminiKeyNeverAppearsInALogLine() {
        assertThat(logs.lines()).isNotEmpty();
        assertThat(logs.lines()).noneMatch(line -> line.contains(API_KEY) || line.contains(CHROMA_TOKEN));
    }

    @Test
    void theGeminiKeyNeverTravelsThroughKafka() {
        for (String role : TopicCatalog.ROLES) {
            for (ConsumerRecord<String, String> record : TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic(role))) {
                assertThat(record.value()).doesNotContain(API_KEY);
                record.headers().forEach(h -> assertThat(new String(h.value())).doesNotContain(API_KEY));
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void neitherGeminiNorChromaReceivesAnInternalHeader() {
        List<LoggedRequest> toGemini = gemini.findAll(postRequestedFor(urlPathMatching("/v1beta/models/.*")));
        List<LoggedRequest> toChroma = chromaProxy.findAll(postRequestedFor(urlPathMatching("/api/v2/.*/(get|upsert|delete|query)")));
        assertThat(toGemini).isNotEmpty();
        // upserts, parent look-ups, reply refreshes and queries all went through the proxy (and PipelineIT's deletes)
        assertThat(toChroma).extracting(r -> r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1))
                .contains("get", "upsert", "query");
        for (LoggedRequest request : java.util.stream.Stream.concat(toGemini.stream(), toChroma.stream()).toList()) {
            assertThat(request.getAllHeaderKeys()).as(request.getUrl())
                    .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("kafka")
                            || name.toLowerCase(java.util.Locale.ROOT).startsWith("camel")
                            || name.toLowerCase(java.util.Locale.ROOT).startsWith("rtfm"));
        }
        assertThat(toChroma).allSatisfy(r -> assertThat(r.getHeader("x-goog-api-key")).isNull());
        // the Chroma token goes to Chroma, on every call, and never to Google
        assertThat(toChroma).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + CHROMA_TOKEN));
        assertThat(toGemini).allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
    }

    DiscordMessage message(String id, String content, String guild, String channel, String event) {
        return ChatMessage.of(id, content).by("tester", "42").in(guild, channel, channel).event(event).build();
    }

    void send(DiscordMessage message) throws Exception {
        HttpResponse<String> response = postJson("/api/messages", wire.write(message));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    JsonNode ask(Map<String, Object> request) throws Exception {
        HttpResponse<String> response = postJson("/api/ask", WireFormat.mapper().writeValueAsString(request));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return WireFormat.mapper().readTree(response.body());
    }

    JsonNode getRecord(String id) {
        return chroma.post(chroma.recordsUrl() + "/get",
                "{\"ids\": [\"" + id + "\"], \"include\": [\"documents\", \"metadatas\", \"embeddings\"]}");
    }
}
