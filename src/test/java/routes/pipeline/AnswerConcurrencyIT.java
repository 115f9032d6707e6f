package routes.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.WireFormat;
import routes.testing.Gemini;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;
import routes.testing.AppIT;
import routes.testing.ChatMessage;
import routes.testing.Questions;

/**
 * Answers keep up with a slow Gemini: one processor (rtfm.answer.concurrency 8, the default)
 * answers 20 questions from 20 channels 8 at a time while Gemini takes 1 s per call, and 20 members
 * asking in one channel just as fast, and still answers two questions of one channel, or of one member
 * in a busy channel, in the order they were asked, even when the first is the slower.
 */
class AnswerConcurrencyIT extends AppIT {

    private static final Duration GEMINI_TIME = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private WireMockServer gemini;

    @BeforeAll
    void start() throws Exception {
        gemini = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64)), () -> gemini.stop());
        gemini.start();
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(10)
                .willReturn(okJson(Gemini.answer("Run make restart [1].")).withFixedDelay((int) GEMINI_TIME.toMillis())));
        configure("concurrency");
        // the production default: one busy channel spreads over that many consumers
        config.remove("rtfm.answer.consumers");
        config.setProperty("rtfm.gemini.api-key", "concurrency-it-key");
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        // RTFM_LOG=false: nothing of the question log is started (theLogOffRecordsNothing)
        config.setProperty("rtfm.log.enabled", "false");
        startApp();
        List<Map.Entry<String, String>> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "concurrency-" + run + "-" + i;
            messages.add(Map.entry(id, wire.write(ChatMessage.of(id, "To restart the indexer run make restart, step " + i).build())));
        }
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("messages"), messages);
        await().atMost(WAIT).until(() -> chroma.count() == 10);
        // every consumer of the group has its partitions before anything is timed
        List<String> warmUp = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            warmUp.add(ask("warm-up-" + i, "how do I restart the indexer?"));
        }
        await().atMost(WAIT).until(() -> answered(warmUp).size() == warmUp.size());
    }

    @Test
    void twentyQuestionsWithASlowGeminiAreAnsweredTogether() throws Exception {
        List<String> queries = new ArrayList<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BotQuery query = Questions.fromAna("concurrency-it", "channel-" + i, "how do I restart the indexer, question " + i + "?");
            queries.add(query.queryId());
            records.add(Map.entry(query.channelId(), wire.write(query)));
        }
        long started = System.currentTimeMillis();
        TopicReader.sendAll(SharedInfrastructure.kafkaBootstrap(), topic("queries"), records);
        await().atMost(WAIT).until(() -> answered(queries).size() == queries.size());
        // from the first question written to the last answer published (the broker's timestamps), not to when this test looked
        Duration took = Duration.ofMillis(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("responses")).stream()
                .filter(r -> queries.contains(wire.parseResponse(r.value()).queryId())).mapToLong(ConsumerRecord::timestamp).max()
                .orElseThrow() - started);
        System.out.printf("AnswerConcurrencyIT: 20 questions, Gemini %d ms each, answered in %d ms%n", GEMINI_TIME.toMillis(), took.toMillis());
        assertThat(answered(queries).values()).allMatch(BotResponse.GENERATED::equals);
        // one at a time this takes 20 s and more; 8 at a time, whichever partitions they come from, about 3 s
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        // and never more than rtfm.answer.concurrency (8) Gemini calls at once
        List<Long> starts = gemini.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
        int most = 0;
        for (long start : starts) {
            most = Math.max(most, (int) starts.stream().filter(t -> t <= start && t > start - GEMINI_TIME.toMillis() + 50).count());
        }
        System.out.printf("AnswerConcurrencyIT: at most %d Gemini calls at once%n", most);
        assertThat(most).isBetween(2, 8);
    }

    @Test
    void theLogOffRecordsNothing() throws Exception {
        // a question goes all the way through, and still no writer, no retention and no database file exist
        String asked = ask("log-off-channel", "how do I restart the indexer, with the log off?");
        await().atMost(WAIT).until(() -> answered(List.of(asked)).size() == 1);
        assertThat(app.context().getRoute("record-answers")).isNull();
        assertThat(app.context().getRoute("prune-question-log")).isNull();
        assertThat(java.nio.file.Path.of(config.getProperty("rtfm.local.dir"), "log")).doesNotExist();
    }

    @Test
    void questionsSharingAKeyAreAnsweredInTheOrderAsked() throws Exception {
        // the first one's Gemini call is the slower: answered at once, the second would come first
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1).withRequestBody(containing("slow-first"))
                .willReturn(okJson(Gemini.answer("First [1].")).withFixedDelay(3000)));
        String first = ask("ordered-channel", "slow-first: how do I restart the indexer?");
        String second = ask("ordered-channel", "how do I restart the indexer again?");
        await().atMost(WAIT).until(() -> answered(List.of(first, second)).size() == 2);
        List<String> order = TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("responses")).stream()
                .map(r -> wire.parseResponse(r.value()).queryId()).filter(id -> id.equals(first) || id.equals(second)).toList();
        assertThat(order).containsExactly(first, second);
    }

    @Test
    void twentyMembersAskingInOneChannelAreAnsweredSideBySide() throws Exception {
        // through the HTTP API, so the questions are keyed as the product keys them (a test writing its own keys would not see it)
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> asked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            asked.add(askThroughApi(http, "busy-" + run, "member-" + i, "how do I restart the indexer, question " + i + "?"));
        }
        for (CompletableFuture<HttpResponse<String>> answer : asked) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(wire.parseResponse(response.body()).mode()).isEqualTo(BotResponse.GENERATED);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("AnswerConcurrencyIT: 20 members in one channel, Gemini %d ms each, all answered in %d ms%n",
                GEMINI_TIME.toMillis(), took.toMillis());
        // keyed by channel alone they share one partition and take 20 s and more; 8 at a time about 3 s
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void oneMembersQuestionsInABusyChannelAreAnsweredInTheOrderAsked() throws Exception {
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1).withRequestBody(containing("slow-member"))
                .willReturn(okJson(Gemini.answer("First [1].")).withFixedDelay(3000)));
        HttpClient http = HttpClient.newHttpClient();
        String channel = "busy-order-" + run;
        CompletableFuture<HttpResponse<String>> first = askThroughApi(http, channel, "ana", "slow-member: how do I restart the indexer?");
        // the second is asked once the first is on Kafka
        await().atMost(WAIT).until(() -> TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("queries"),
                r -> r.value().contains("slow-member"), Duration.ofSeconds(5)) != null);
        CompletableFuture<HttpResponse<String>> second = askThroughApi(http, channel, "ana", "how do I restart the indexer again?");
        String firstId = wire.parseResponse(first.get(60, TimeUnit.SECONDS).body()).queryId();
        String secondId = wire.parseResponse(second.get(60, TimeUnit.SECONDS).body()).queryId();
        List<String> order = TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("responses")).stream()
                .map(r -> wire.parseResponse(r.value()).queryId()).filter(id -> id.equals(firstId) || id.equals(secondId)).toList();
        assertThat(order).containsExactly(firstId, secondId);
    }

    private CompletableFuture<HttpResponse<String>> askThroughApi(HttpClient http, String channel, String user, String question)
            throws Exception {
        String body = WireFormat.mapper().writeValueAsString(Map.of("question", question, "channel_id", channel, "user_id", user,
                "username", user, "guild_id", "local", "visible_channel_ids", List.of("general")));
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + "/api/ask"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String ask(String channel, String question) throws Exception {
        BotQuery query = Questions.fromAna("concurrency-it", channel, question);
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), channel, wire.write(query));
        return query.queryId();
    }

    /** Query id to answer mode, of those of the given questions answered so far. */
    private Map<String, String> answered(List<String> queryIds) {
        Map<String, String> modes = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("responses"))) {
            BotResponse response = wire.parseResponse(record.value());
            if (queryIds.contains(response.queryId())) {
                modes.put(response.queryId(), response.mode());
            }
        }
        return modes;
    }
}
