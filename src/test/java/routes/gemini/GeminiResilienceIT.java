package routes.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.schema.BotResponse;
import routes.schema.WireFormat;
import routes.testing.Gemini;
import routes.testing.RtfmApps;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;

/**
 * Gemini misbehaving under the real app (WireMock as Gemini, real Kafka and Chroma), asked through
 * the HTTP API: every question still gets one answer, promptly. A refused key is not retried; a
 * per-minute 429 is retried no sooner than its RetryInfo says; a 503 storm opens the circuit
 * breaker, whose answers are the sources, and the breaker closes once Gemini recovers.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeminiResilienceIT {

    private static final String GENERATED = "Restart the indexer with the reindex command [1].";
    private static final int BREAKER_OPEN_SECONDS = 3;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer gemini;
    private RtfmApplication app;
    @RegisterExtension
    final RtfmApps apps = new RtfmApps();
    private int httpPort;

    @BeforeAll
    void start() throws Exception {
        gemini = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort()), () -> gemini.stop());
        gemini.start();
        Properties config = TestApps.config("gemini", run);
        httpPort = Integer.parseInt(config.getProperty("rtfm.http.port"));
        config.setProperty("rtfm.gemini.api-key", "gemini-it-key");
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.retry.max-redeliveries", "1");
        config.setProperty("rtfm.retry.initial-delay-ms", "50");
        config.setProperty("camel.resilience4j.sliding-window-size", "4");
        config.setProperty("camel.resilience4j.wait-duration-in-open-state", Integer.toString(BREAKER_OPEN_SECONDS));
        app = apps.start(config);
        ChromaCollection chroma = RtfmApps.chroma(app);
        for (int i = 0; i < 5; i++) {
            postJson("/api/messages", Map.of("message_id", "gemini-" + run + "-" + i, "content", "To restart the indexer run the reindex command, step "
                    + i, "username", "ana", "user_id", "7", "channel_id", "general", "guild_id", "local", "timestamp", "2025-11-02T12:34:56Z"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> chroma.count() == 5
                && routes.testing.ChromaSearch.findable(chroma, "gemini-" + run + "-4"));
    }

    @Test
    @Order(1)
    void aPerMinuteQuotaIsRetriedNoSoonerThanRetryInfoSays() throws Exception {
        gemini.resetAll();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).inScenario("quota").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(Gemini.quotaPerMinute("2s")))
                .willSetStateTo("lifted"));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).inScenario("quota").whenScenarioStateIs("lifted")
                .willReturn(okJson(Gemini.answer(GENERATED))));
        JsonNode answer = ask("how do I restart the indexer?");
        assertThat(answer.path("mode").asText()).isEqualTo(BotResponse.GENERATED);
        List<ServeEvent> calls = gemini.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
        assertThat(calls).hasSize(2);
        long waited = calls.get(1).getRequest().getLoggedDate().getTime() - calls.get(0).getRequest().getLoggedDate().getTime();
        assertThat(waited).as("ms between the 429 and its retry").isGreaterThanOrEqualTo(2000);
    }

    @Test
    @Order(2)
    void aRefusedKeyIsNotRetriedAndTheAskerIsToldAtOnce() throws Exception {
        gemini.resetAll();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(Gemini.invalidKey())));
        long started = System.nanoTime();
        JsonNode answer = ask("where is the indexer documented?");
        // dead-lettered at once (never retried, never a breaker's fallback): the asker hears that it failed
        assertThat(answer.path("mode").asText()).isEqualTo(BotResponse.ERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        gemini.verify(1, postRequestedFor(urlPathMatching(".*:generateContent")));
    }

    @Test
    @Order(3)
    void aStormOfUnavailableOpensTheBreakerWhoseAnswersAreTheSourcesAndRecoveryClosesIt() throws Exception {
        gemini.resetAll();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(Gemini.unavailable())));
        JsonNode fallback = null;
        for (int i = 0; i < 6 && fallback == null; i++) {
            int callsBefore = gemini.getAllServeEvents().size();
            JsonNode answer = ask("how do I restart the indexer, attempt " + i + "?");
            String mode = answer.path("mode").asText();
            boolean called = gemini.getAllServeEvents().size() > callsBefore;
            if (BotResponse.ERROR.equals(mode)) {
                assertThat(called).as("an error answer comes from Gemini failing").isTrue();
            } else {
                // the breaker opened during this question's retries, or before it: the sources, saying why
                assertThat(mode).isEqualTo(BotResponse.SOURCES_ONLY);
                assertThat(answer.path("response_text").asText()).contains("unavailable right now");
                fallback = called ? null : answer;
            }
        }
        assertThat(fallback).as("an answer given by the open breaker, without calling Gemini").isNotNull();
        assertThat(fallback.path("response_text").asText()).contains("unavailable right now");
        assertThat(fallback.path("sources").size()).isPositive();
        // /observe/health shows the open breaker, and RTFM stays ready: it still answers
        JsonNode health = WireFormat.mapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/observe/health?data=true")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.toString()).contains("gemini-breaker").contains("OPEN");

        gemini.resetAll();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).willReturn(okJson(Gemini.answer(GENERATED))));
        // once the breaker lets a probe through (after BREAKER_OPEN_SECONDS), Gemini answers again
        await().atMost(Duration.ofSeconds(BREAKER_OPEN_SECONDS * 4L)).pollInterval(Duration.ofMillis(500))
                .until(() -> BotResponse.GENERATED.equals(ask("how do I restart the indexer now?").path("mode").asText()));
        assertThat(ask("how do I restart the indexer once more?").path("mode").asText()).isEqualTo(BotResponse.GENERATED);
    }

    private JsonNode ask(String question) throws Exception {
        HttpResponse<String> response = postJson("/api/ask", Map.of("question", question));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return WireFormat.mapper().readTree(response.body());
    }

    private HttpResponse<String> postJson(String path, Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(WireFormat.mapper().writeValueAsString(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
