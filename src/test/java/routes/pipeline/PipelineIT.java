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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import routes.kafka.TopicCatalog;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;
import routes.schema.DiscordChatExport;
import routes.testing.Gemini;
import routes.testing.LogCapture;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * The whole pipeline on a real Kafka broker and a real Chroma server, with WireMock as Gemini:
 * 394 real help-channel messages in, cited answers out, and the failure paths to the dead-letter queue.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final String API_KEY = "test-gemini-key-" + UUID.randomUUID();
    private static final int MAX_RECORD_BYTES = 100_000;
    /** The Chroma server ignores it; the recording proxy in front of it shows whether it was sent, and where. */
    private static final String CHROMA_TOKEN = "test-chroma-token-" + UUID.randomUUID();
    private static final String GENERATED = "From the chat history: raise similarity_top_k on the query [1].";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final WireFormat wire = new WireFormat();
    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer gemini;
    /** Records every request RTFM makes to the real Chroma server, which it forwards to. */
    private WireMockServer chromaProxy;
    private RtfmApplication app;
    private CamelContext camel;
    private ChromaCollection chroma;
    private List<DiscordMessage> sample;
    private int httpPort;
    private final Properties config = new Properties();
    private LogCapture logs;

    @BeforeAll
    void startRtfm() throws Exception {
        logs = LogCapture.install();
        gemini = new WireMockServer(wireMockConfig().dynamicPort());
        gemini.start();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(10)
                .willReturn(okJson(Gemini.answer(GENERATED))));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1)
                .withRequestBody(containing("OVERLOAD-" + run))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(Gemini.unavailable())));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1)
                .withRequestBody(containing("BLOCKED-" + run))
                .willReturn(okJson(Gemini.blocked())));

        chromaProxy = new WireMockServer(wireMockConfig().dynamicPort());
        chromaProxy.start();
        chromaProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(SharedInfrastructure.chromaUrl())));

        httpPort = routes.local.FreePort.pick();
        config.setProperty("rtfm.kafka.bootstrap-servers", SharedInfrastructure.kafkaBootstrap());
        config.setProperty("rtfm.chroma.url", chromaProxy.baseUrl());
        config.setProperty("rtfm.chroma.collection", "it-" + run);
        config.setProperty("rtfm.gemini.api-key", API_KEY);
        config.setProperty("rtfm.chroma.auth-token", CHROMA_TOKEN);
        // small enough to test with records the broker takes; the default is the broker's own 1 MiB
        config.setProperty("rtfm.max-record-bytes", Integer.toString(MAX_RECORD_BYTES));
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.http.port", Integer.toString(httpPort));
        config.setProperty("rtfm.console.enabled", "false");
        config.setProperty("rtfm.retry.max-redeliveries", "2");
        config.setProperty("rtfm.retry.initial-delay-ms", "20");
        config.setProperty("rtfm.local.dir", Files.createTempDirectory("rtfm-it").toString());
        for (String role : TopicCatalog.ROLES) {
            config.setProperty("rtfm.topics." + role + ".name", "it-" + run + "-" + role);
        }
        config.setProperty("rtfm.kafka.processor-group-id", "it-processor-" + run);
        config.setProperty("rtfm.kafka.bot-group-id", "it-bot-" + run);
        app = new RtfmApplication(config);
        camel = app.start();
        chroma = camel.getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);

        sample = DiscordChatExport.read(PipelineIT.class.getResourceAsStream("/data/llamaindex-help-sample.json"));
        ProducerTemplate producer = camel.createProducerTemplate();
        sample.forEach(message -> producer.sendBody("direct:discord-in", message));
        long withText = sample.stream().filter(DiscordMessage::hasText).count();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> chroma.count() >= withText);
        // stored is not yet searchable: the tests ask at once, under the guild's filter as the answer path does
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> routes.testing.ChromaSearch.findable(chroma, probeId(), guildFilter()));
    }

    /** A sample message with text, to check that the guild's messages are searchable. */
    private String probeId() {
        return sample.stream().filter(DiscordMessage::hasText).findFirst().orElseThrow().messageId();
    }

    private String guildFilter() {
        return "{\"guild_id\": {\"$eq\": \"" + sample.get(0).guildId() + "\"}}";
    }

    /**
     * The response's mode, shown with the response and Chroma's state when it is not the one expected:
     * through the recording proxy the app uses, and straight from the Chroma server behind it.
     */
    private void assertMode(JsonNode response, String expected) {
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
    void stopRtfm() {
        if (app != null) {
            app.close();
        }
        if (gemini != null) {
            gemini.stop();
        }
        if (chromaProxy != null) {
            chromaProxy.stop();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private String topic(String role) {
        return config.getProperty("rtfm.topics." + role + ".name");
    }

    @Test
    void chromaHoldsEveryMessageWithTextUnderItsMessageId() {
        List<String> withText = sample.stream().filter(DiscordMessage::hasText).map(DiscordMessage::messageId).toList();
        JsonNode stored = chroma.post(chroma.recordsUrl() + "/get",
                WireFormat.mapper().createObjectNode().set("ids", WireFormat.mapper().valueToTree(withText)).toString());
        List<String> storedIds = new java.util.ArrayList<>();
        stored.path("ids").forEach(id -> storedIds.add(id.asText()));
        assertThat(storedIds).containsExactlyInAnyOrderElementsOf(withText);
        DiscordMessage reply = sample.stream().filter(m -> m.replyToMessageId() != null && m.hasText()).findFirst().orElseThrow();
        JsonNode replyRecord = getRecord(reply.messageId());
        assertThat(replyRecord.path("documents").path(0).asText()).isEqualTo(reply.content());
        JsonNode metadata = replyRecord.path("metadatas").path(0);
        assertThat(metadata.path("guild_id").asText()).isEqualTo(reply.guildId());
        assertThat(metadata.path("channel_id").asText()).isEqualTo(reply.channelId());
        assertThat(metadata.path("author_name").asText()).isEqualTo(reply.username());
        assertThat(metadata.path("reply_to").asText()).isEqualTo(reply.replyToMessageId());
        assertThat(metadata.path("jump_url").asText()).isEqualTo(reply.jumpUrl());
        assertThat(metadata.path("timestamp").isIntegralNumber()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "should I raise similarity_top_k in the query call to get more than one chunk? | 1066820354804285531 1063962009873424384 1065806646070235166",
            "DiscordReader fails with RuntimeError event loop is already running | 1062376105580970077",
            "how do I limit max_tokens of the langchain LLM model | 1065472792415440987",
    })
    void answersWithCitedSourcesFromTheChannel(String question, String answeringMessageIds) throws Exception {
        JsonNode response = ask(Map.of("question", question, "guild_id", sample.get(0).guildId()));
        assertMode(response, BotResponse.GENERATED);
        assertThat(response.path("response_text").asText()).isEqualTo(GENERATED);
        List<String> sourceIds = response.path("sources").findValuesAsText("message_id");
        List<String> answering = List.of(answeringMessageIds.split(" "));
        assertThat(sourceIds).containsAnyElementsOf(answering);
        String expectedMessageId = sourceIds.stream().filter(answering::contains).findFirst().orElseThrow();

        String expectedText = sample.stream().filter(m -> m.messageId().equals(expectedMessageId)).findFirst().orElseThrow().content();
        List<LoggedRequest> calls = gemini.findAll(postRequestedFor(urlPathMatching("/v1beta/models/gemini-2.5-flash:generateContent"))
                .withRequestBody(containing(question.substring(0, 30))));
        assertThat(calls).isNotEmpty();
        LoggedRequest call = calls.get(calls.size() - 1);
        assertThat(call.getHeader("x-goog-api-key")).isEqualTo(API_KEY);
        String prompt = WireFormat.mapper().readTree(call.getBodyAsString()).path("contents").path(0).path("parts").path(0).path("text").asText();
        assertThat(prompt).contains(expectedText.substring(0, Math.min(60, expectedText.length())));
    }

    @Test
    void neverCitesAChannelTheAskerCannotRead() throws Exception {
        String guild = "guild-" + run;
        String secret = "The staging database password rotates every Tuesday at 3pm through the vault-rotator job";
        send(message("secret-" + run, secret, guild, "private-" + run, DiscordMessage.CREATED));
        send(message("public-" + run, "Lunch on Fridays is pizza in the kitchen", guild, "public-" + run, DiscordMessage.CREATED));
        await("the secret stored").atMost(WAIT).until(() -> getRecord("secret-" + run).path("ids").size() == 1);
        await("the secret searchable").atMost(WAIT).until(() -> routes.testing.ChromaSearch.findable(chroma, "secret-" + run));

        String question = "when does the staging database password rotate?";
        JsonNode outsider = ask(Map.of("question", question, "guild_id", guild, "visible_channel_ids", List.of("public-" + run)));
        assertThat(outsider.path("sources").findValuesAsText("message_id")).doesNotContain("secret-" + run);

        JsonNode member = ask(Map.of("question", question, "guild_id", guild,
                "visible_channel_ids", List.of("public-" + run, "private-" + run)));
        assertThat(member.path("sources").findValuesAsText("message_id")).contains("secret-" + run);

        JsonNode nobody = ask(Map.of("question", question, "guild_id", guild, "visible_channel_ids", List.of()));
        assertThat(nobody.path("mode").asText()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(nobody.path("sources").size()).isZero();
    }

    @Test
    void anEditIsReEmbeddedAndADeleteRemovesTheMessage() throws Exception {
        String id = "edited-" + run;
        String guild = "guild-edit-" + run;
        send(message(id, "Our CI runs on Jenkins with nightly builds", guild, "ops", DiscordMessage.CREATED));
        await().atMost(WAIT).until(() -> getRecord(id).path("ids").size() == 1);
        JsonNode before = getRecord(id);

        send(message(id, "Correction: our CI moved to GitHub Actions, builds run on every push", guild, "ops", DiscordMessage.UPDATED));
        await().atMost(WAIT).until(() -> getRecord(id).path("documents").path(0).asText().startsWith("Correction"));
        JsonNode after = getRecord(id);
        assertThat(after.path("embeddings").path(0)).isNotEqualTo(before.path("embeddings").path(0));

        JsonNode answer = ask(Map.of("question", "which service runs our CI builds now?", "guild_id", guild));
        assertThat(answer.path("sources").path(0).path("excerpt").asText()).startsWith("Correction");

        send(message(id, "", guild, "ops", DiscordMessage.DELETED));
        await().atMost(WAIT).until(() -> getRecord(id).path("ids").size() == 0);
    }

    @Test
    void aReplyIsEmbeddedWithItsParentWhicheverArrivesFirstAndFollowsItsEditsAndDeletion() throws Exception {
        String guild = "guild-conv-" + run;
        String parentId = "parent-" + run;
        String replyId = "reply-" + run;
        DiscordMessage reply = new DiscordMessage(replyId, "yes, set it to 512 when you build the index", "helper", "43", "help",
                Instant.now().toString(), Map.of(), 1, DiscordMessage.CREATED, guild, "help", null, parentId, false, List.of(), null, null, null);
        send(reply);
        await().atMost(WAIT).until(() -> getRecord(replyId).path("ids").size() == 1);
        assertThat(getRecord(replyId).path("metadatas").path(0).has("reply_to_text")).isFalse();
        JsonNode alone = getRecord(replyId).path("embeddings").path(0);

        String question = "Can I make chunk_size_limit smaller so queries get cheaper?";
        send(message(parentId, question, guild, "help", DiscordMessage.CREATED));
        await().atMost(WAIT).until(() -> question.equals(getRecord(replyId).path("metadatas").path(0).path("reply_to_text").asText()));
        JsonNode withParent = getRecord(replyId);
        assertThat(withParent.path("embeddings").path(0)).isNotEqualTo(alone);
        assertThat(withParent.path("documents").path(0).asText()).isEqualTo(reply.content());

        JsonNode answer = ask(Map.of("question", "how small should chunk_size_limit be for cheaper queries?", "guild_id", guild));
        JsonNode cited = null;
        for (JsonNode source : answer.path("sources")) {
            if (source.path("message_id").asText().equals(replyId)) {
                cited = source;
            }
        }
        assertThat(cited).as("the reply is found by a question about its parent's topic").isNotNull();
        assertThat(cited.path("excerpt").asText()).isEqualTo(reply.content());

        String edited = "Can I make the chunk size smaller for faster indexing?";
        send(message(parentId, edited, guild, "help", DiscordMessage.UPDATED));
        await().atMost(WAIT).until(() -> edited.equals(getRecord(replyId).path("metadatas").path(0).path("reply_to_text").asText()));

        send(message(parentId, "", guild, "help", DiscordMessage.DELETED));
        await().atMost(WAIT).until(() -> getRecord(replyId).path("metadatas").path(0).path("reply_to_text").asText("x").isEmpty());
        assertThat(getRecord(parentId).path("ids").size()).isZero();
    }

    @Test
    void aThreadMessageIsEmbeddedWithTheThreadsStarter() throws Exception {
        String guild = "guild-thread-" + run;
        String starterId = "starter-" + run;
        String starter = "Our staging cluster runs out of disk every night, any idea why?";
        send(message(starterId, starter, guild, "help", DiscordMessage.CREATED));
        await().atMost(WAIT).until(() -> getRecord(starterId).path("ids").size() == 1);
        String inThread = "thread-msg-" + run;
        send(new DiscordMessage(inThread, "the log rotation cron was disabled, re-enable it", "ops", "44", starterId,
                Instant.now().toString(), Map.of(), 1, DiscordMessage.CREATED, guild, "help", starterId, null, false, List.of(), null, null, null));
        await().atMost(WAIT).until(() -> starter.equals(getRecord(inThread).path("metadatas").path(0).path("reply_to_text").asText()));
        assertThat(getRecord(inThread).path("metadatas").path(0).path("thread_id").asText()).isEqualTo(starterId);
    }

    @Test
    void recordsInThePythonSystemsFormatFlowThroughIngestAndAnswer() throws Exception {
        String messageId = "py-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), messageId, """
                {"message_id": "%s", "content": "The API endpoint is /api/v1/data on the reporting service",
                 "username": "user#1234", "user_id": "987654321", "channel_id": "111222333",
                 "timestamp": "2025-11-02T12:34:56.789Z", "metadata": {}}""".formatted(messageId));
        await().atMost(WAIT).until(() -> getRecord(messageId).path("ids").size() == 1);

        String queryId = "query_py_" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), "111222333", """
                {"query_id": "%s", "original_message_id": "%s", "question": "what is the API endpoint of the reporting service?",
                 "username": "user#1234", "user_id": "987654321", "channel_id": "111222333",
                 "timestamp": "2025-11-02T12:34:56.789Z", "context": {}}""".formatted(queryId, messageId));
        ConsumerRecord<String, String> record = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains(queryId), WAIT);
        assertThat(record).as("a response to the Python-format query").isNotNull();
        BotResponse response = wire.parseResponse(record.value());
        assertThat(record.key()).isEqualTo("111222333");
        assertThat(response.mode()).isEqualTo(BotResponse.GENERATED);
        assertThat(response.sources()).extracting(BotResponse.Source::messageId).contains(messageId);
    }

    @Test
    void aRecordThatIsNotJsonGoesToTheDeadLetterQueueWithTheReason() throws Exception {
        String key = "garbage-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), key, "{not json at all");
        JsonNode letter = deadLetter(key);
        assertThat(letter.path("original_topic").asText()).isEqualTo(topic("messages"));
        assertThat(letter.path("message").asText()).isEqualTo("{not json at all");
        assertThat(letter.path("error").asText()).contains("not valid JSON");
        assertThat(letter.path("error_type").asText()).isEqualTo("routes.schema.InvalidRecordException");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.has("offset")).isTrue();
    }

    @Test
    void aRecordOverTheLimitIsDeadLetteredTruncatedWithItsSizeAndHash() throws Exception {
        String key = "huge-" + run;
        String huge = "{\"message_id\": \"" + key + "\", \"content\": \"" + "spam ".repeat(30_000) + "\", \"username\": \"u\", "
                + "\"user_id\": \"1\", \"channel_id\": \"2\", \"timestamp\": \"2025-11-02T12:34:56.789Z\"}";
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), key, huge);
        JsonNode letter = deadLetter(key);
        assertThat(letter.path("error").asText()).contains("rtfm.max-record-bytes");
        assertThat(letter.path("original_size").asLong()).isEqualTo(huge.length());
        assertThat(letter.path("original_sha256").asText()).hasSize(64);
        assertThat(letter.toString().length()).isLessThan(MAX_RECORD_BYTES);
        assertThat(getRecord(key).path("ids").size()).isZero();
    }

    @Test
    void aRecordMissingARequiredFieldGoesToTheDeadLetterQueueNamingIt() throws Exception {
        String key = "incomplete-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), key,
                "{\"message_id\": \"" + key + "\", \"username\": \"u\", \"user_id\": \"1\", \"channel_id\": \"2\", \"timestamp\": \"2025-11-02T12:34:56.789Z\"}");
        JsonNode letter = deadLetter(key);
        assertThat(letter.path("error").asText()).contains("content");
        assertThat(letter.path("message").path("message_id").asText()).isEqualTo(key);
    }

    @Test
    void anOverloadedGeminiIsRetriedThenTheQueryIsDeadLetteredAndTheAskerToldSo() throws Exception {
        String queryId = "query_overload_" + run;
        String channel = "overload-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), channel, """
                {"query_id": "%s", "original_message_id": "m", "question": "OVERLOAD-%s how do I build an index from my documents?",
                 "username": "u", "user_id": "1", "channel_id": "%s", "timestamp": "%s", "context": {}}"""
                .formatted(queryId, run, channel, Instant.now()));
        JsonNode letter = deadLetter(channel);
        assertThat(letter.path("message").path("query_id").asText()).isEqualTo(queryId);
        assertThat(letter.path("error").asText()).contains("503");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        gemini.verify(3, postRequestedFor(urlPathMatching(".*:generateContent")).withRequestBody(containing("OVERLOAD-" + run)));
        assertThat(letter.toString()).doesNotContain(API_KEY);
        // the asker is not left waiting: the question gets an error answer, under the id its answer would have had
        ConsumerRecord<String, String> answer = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains("\"query_id\":\"" + queryId + "\""), WAIT);
        assertThat(answer).as("an answer to the dead-lettered question").isNotNull();
        BotResponse error = wire.parseResponse(answer.value());
        assertThat(error.mode()).isEqualTo(BotResponse.ERROR);
        assertThat(error.responseText()).contains("try again in a few minutes");
        assertThat(error.responseId()).isEqualTo(routes.schema.BotResponse.idFor(queryId));
        assertThat(answer.key()).isEqualTo(channel);
    }

    @Test
    void aBlockedPromptFallsBackToLabelledSources() throws Exception {
        JsonNode response = ask(Map.of("question", "BLOCKED-" + run + " how do I use a custom prompt with an index?",
                "guild_id", sample.get(0).guildId()));
        assertMode(response, BotResponse.SOURCES_ONLY);
        assertThat(response.path("response_text").asText()).contains("couldn't generate an answer").contains("SAFETY");
        assertThat(response.path("sources").size()).isPositive();
    }

    @Test
    void theApiRejectsBadInputWithTheReasonAndHealthIsUp() throws Exception {
        HttpResponse<String> missing = postJson("/api/ask", "{\"questio\": \"typo\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("question");

        HttpResponse<String> badMessage = postJson("/api/messages", "{\"message_id\": \"x\"}");
        assertThat(badMessage.statusCode()).isEqualTo(400);
        assertThat(badMessage.body()).contains("content");

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"chroma\"").contains("UP");
    }

    @Test
    void aQuestionToTheBotIsAnsweredButNotIndexedAsKnowledge() throws Exception {
        String id = "question-" + run;
        DiscordMessage question = new DiscordMessage(id, "RTFM how do I build a tree index?", "tester", "42", sample.get(0).channelId(),
                Instant.now().toString(), Map.of(), 1, DiscordMessage.CREATED, sample.get(0).guildId(), "help", null, null, false,
                List.of(), null, null, null);
        send(question);
        ConsumerRecord<String, String> answer = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains("\"original_message_id\":\"" + id + "\""), WAIT);
        assertThat(answer).as("an answer to the question message").isNotNull();
        assertThat(wire.parseResponse(answer.value()).sources()).extracting(BotResponse.Source::messageId).doesNotContain(id);
        assertThat(getRecord(id).path("ids").size()).isZero();
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
        // upserts, parent look-ups, reply refreshes, deletes and queries all went through the proxy
        assertThat(toChroma).extracting(r -> r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1))
                .contains("get", "upsert", "delete", "query");
        for (LoggedRequest request : concat(toGemini, toChroma)) {
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

    private static List<LoggedRequest> concat(List<LoggedRequest> first, List<LoggedRequest> second) {
        List<LoggedRequest> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    // ---- helpers

    private DiscordMessage message(String id, String content, String guild, String channel, String event) {
        return new DiscordMessage(id, content, "tester", "42", channel, Instant.now().toString(), Map.of(), 1, event, guild,
                channel, null, null, false, List.of(), null, null, null);
    }

    private void send(DiscordMessage message) throws Exception {
        HttpResponse<String> response = postJson("/api/messages", wire.write(message));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private JsonNode ask(Map<String, Object> request) throws Exception {
        HttpResponse<String> response = postJson("/api/ask", WireFormat.mapper().writeValueAsString(request));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return WireFormat.mapper().readTree(response.body());
    }

    private HttpResponse<String> postJson(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getRecord(String id) {
        return chroma.post(chroma.recordsUrl() + "/get",
                "{\"ids\": [\"" + id + "\"], \"include\": [\"documents\", \"metadatas\", \"embeddings\"]}");
    }

    private JsonNode deadLetter(String key) throws Exception {
        ConsumerRecord<String, String> record = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("dead-letter"),
                r -> key.equals(r.key()), WAIT);
        assertThat(record).as("a dead letter keyed " + key).isNotNull();
        wire.parseDeadLetter(record.value());
        return WireFormat.mapper().readTree(record.value());
    }
}
