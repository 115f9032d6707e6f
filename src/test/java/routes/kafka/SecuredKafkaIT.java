package routes.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.cli.CliTest;
import routes.local.EmbeddedKafkaBroker;
import routes.schema.BotResponse;
import routes.schema.WireFormat;
import routes.testing.AppIT;
import routes.testing.discord.FakeDiscord;
import routes.testing.Gemini;
import routes.testing.LogCapture;
import routes.testing.TopicReader;

/**
 * The whole app (bot and processor, Discord, HTTP API, Gemini) on a Kafka cluster that requires
 * SASL: every Kafka client it creates (the routes' consumers and producers, the topic admin, the
 * opt-out list, both idempotent repositories, the lag gauges) and the CLI commands get the security
 * settings from configuration alone. The run uses fake secrets of every kind - Kafka password,
 * Gemini key, Discord token, Chroma token, HTTP API token - and none of them shows in a log line or an /observe page.
 */
class SecuredKafkaIT extends AppIT {

    private static final String GUILD = "7100000000000000001";
    private static final String GENERAL = "7200000000000000001";
    private static final String ALICE = "7300000000000000001";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";";

    private final String kafkaPassword = "kafka-pw-" + run;
    private final String geminiKey = "gemini-key-" + run;
    private final String chromaToken = "chroma-token-" + run;
    private final String apiToken = "api-token-" + run;
    private final List<String> secrets = List.of(kafkaPassword, geminiKey, chromaToken, apiToken, FakeDiscord.TOKEN);
    private EmbeddedKafkaBroker broker;
    private KafkaClientSettings kafka;
    private LogCapture logs;
    private WireMockServer gemini;
    private FakeDiscord discord;

    @BeforeAll
    void start() throws Exception {
        logs = apps.closeAfter(LogCapture.install(), () -> logs.close());
        Properties sasl = new Properties();
        sasl.put("sasl.enabled.mechanisms", "PLAIN");
        sasl.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        sasl.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"broker\" password=\"broker-pw\" user_broker=\"broker-pw\" user_rtfm=\"" + kafkaPassword + "\";");
        broker = apps.closeAfter(new EmbeddedKafkaBroker(Files.createTempDirectory("rtfm-sasl-kafka"), "SASL_PLAINTEXT", sasl), () -> broker.close());
        kafka = new KafkaClientSettings(broker.start(), security("rtfm", kafkaPassword));

        gemini = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort()), () -> gemini.stop());
        gemini.start();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).willReturn(okJson(Gemini.answer("Backups run nightly [1]."))));
        discord = apps.closeAfter(new FakeDiscord(GUILD, List.of(new FakeDiscord.Channel(GENERAL, "general", null)),
                List.of(new FakeDiscord.Member(ALICE, "alice", false))).start(), () -> discord.close());

        configure("secured");
        config.setProperty("rtfm.kafka.bootstrap-servers", kafka.bootstrapServers());
        kafka.security().forEach((key, value) -> config.setProperty(KafkaClientSettings.PREFIX + key, value));
        config.setProperty("rtfm.gemini.api-key", geminiKey);
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.chroma.auth-token", chromaToken);
        config.setProperty("rtfm.http.api-token", apiToken);
        discord.configure(config);
        startApp();
    }

    private static Map<String, String> security(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", String.format(JAAS, user, password));
    }

    @Test
    void theClusterRefusesAClientWithTheWrongPassword() {
        KafkaClientSettings wrong = new KafkaClientSettings(kafka.bootstrapServers(), security("rtfm", "not-the-password"));
        try (TopicAdmin admin = new TopicAdmin(wrong)) {
            assertThatThrownBy(admin::listNames).hasStackTraceContaining("Authentication failed");
        }
    }

    @Test
    void everyClientWorksOnTheSecuredClusterAndNoSecretShows() throws Exception {
        // Discord in, Chroma stored, a question through Kafka both ways, Gemini's answer posted once
        String fact = discord.guild().sendMessage(GENERAL, ALICE, "The database backups run nightly at 02:00 on the " + run + " cluster", null);
        await().atMost(WAIT).until(() -> chroma.count() == 1);
        String question = discord.guild().sendMessage(GENERAL, ALICE, "RTFM when do the database backups run?", null);
        await().atMost(WAIT).until(() -> discord.bot().replyTo(question) != null);
        assertThat(discord.bot().sentMessages()).anyMatch(call -> call.body().path("content").asText().contains("Backups run nightly"));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(api("/api/ask")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiToken).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"when do the database backups run?\", \"guild_id\": \""
                        + GUILD + "\", \"visible_channel_ids\": [\"" + GENERAL + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        JsonNode answer = WireFormat.mapper().readTree(asked.body());
        assertThat(answer.path("mode").asText()).isEqualTo(BotResponse.GENERATED);
        assertThat(answer.path("sources").toString()).contains(fact);

        // both idempotent repositories wrote their entries; the lag gauges read the cluster
        List<String> keys = TopicReader.all(kafka, config.getProperty("rtfm.topics.idempotency.name")).stream().map(r -> r.key()).toList();
        assertThat(keys).anyMatch(k -> k.startsWith("response_")).anyMatch(k -> !k.startsWith("response_"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(page(http, "/observe/metrics"))
                .containsPattern("rtfm_consumer_lag\\{[^}]*topic=\"" + config.getProperty("rtfm.topics.queries.name") + "\"[^}]*} 0"));

        // the CLI takes the same settings (here as system properties, in production the environment)
        kafka.security().forEach((key, value) -> System.setProperty(KafkaClientSettings.PREFIX + key, value));
        try {
            CliTest.Outcome topics = CliTest.run("topics", "list", "--bootstrap-servers", kafka.bootstrapServers());
            assertThat(topics.exit()).as(topics.err()).isZero();
            CliTest.Outcome dlq = CliTest.run("dlq", "list", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--dlq-topic", config.getProperty("rtfm.topics.dead-letter.name"));
            assertThat(dlq.exit()).as(dlq.err()).isZero();
            assertThat(dlq.out()).contains("0 dead letter(s)");
        } finally {
            kafka.security().keySet().forEach(key -> System.clearProperty(KafkaClientSettings.PREFIX + key));
        }

        List<String> shown = new ArrayList<>(logs.lines());
        assertThat(shown).anyMatch(line -> line.startsWith("RTFM ready"));
        for (String path : List.of("/observe/health", "/observe/health?data=true", "/observe/health/live", "/observe/health/ready",
                "/observe/metrics", "/observe/info")) {
            shown.add(path + ": " + page(http, path));
        }
        assertThat(String.join("\n", shown)).contains("\"status\":\"UP\"").contains("rtfm_messages_ingested_total");
        for (String secret : secrets) {
            assertThat(shown).noneMatch(line -> line.contains(secret));
        }
    }

    private String api(String path) {
        return "http://127.0.0.1:" + config.getProperty("rtfm.http.port") + path;
    }

    private String page(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api(path))).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
