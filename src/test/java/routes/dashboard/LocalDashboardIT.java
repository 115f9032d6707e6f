package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmApplication;
import routes.schema.BotQuery;
import routes.schema.Feedback;
import routes.schema.WireFormat;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;
import routes.testing.TestApps;
import routes.testing.ChatMessage;

/**
 * Local mode as `make run` starts it: no Discord, the log in the embedded H2 file, the dashboard on loopback
 * without login, every guild the log holds. Questions come in through POST /api/ask, one with its own guild.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDashboardIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private RtfmApplication app;
    private String base;
    private Properties config;
    private routes.chroma.ChromaCollection chroma;

    @BeforeAll
    void start() throws Exception {
        config = TestApps.config("localdash", UUID.randomUUID().toString().substring(0, 8));
        base = "http://127.0.0.1:" + config.getProperty("rtfm.http.port");
        app = new RtfmApplication(config);
        chroma = app.start().getRegistry().lookupByNameAndType("chromaCollection", routes.chroma.ChromaCollection.class);
        assertThat(post("/api/ask", "{\"question\":\"where is the holiday calendar?\"}").statusCode()).isEqualTo(200);
        assertThat(post("/api/ask", "{\"question\":\"who owns the build server?\",\"guild_id\":\"team-b\",\"channel_id\":\"ops\"}")
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/dashboard").body().contains("team-b"));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyGuildOfTheLogIsListedWithoutLogin() throws Exception {
        HttpResponse<String> home = get("/dashboard");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("href=\"/dashboard/guilds/local\"", "href=\"/dashboard/guilds/team-b\"").doesNotContain("id=\"login\"");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'"));
    }

    @Test
    void eachPageRendersOnTheEmbeddedDatabase() throws Exception {
        HttpResponse<String> overview = get("/dashboard/guilds/local");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<span class=\"figure\" id=\"total\">1</span>");
        assertThat(get("/dashboard/guilds/team-b/questions").body()).contains("who owns the build server?")
                .doesNotContain("holiday calendar");
        assertThat(get("/dashboard/guilds/local/questions?vote=none&outcome=no_match&from=2020-01-01&q=holiday").body())
                .contains("where is the holiday calendar?");
        assertThat(get("/dashboard/guilds/local/gaps").statusCode()).isEqualTo(200);
        HttpResponse<String> json = get("/dashboard/guilds/team-b/export?format=json");
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json.body()).startsWith("[").contains("\"question\":\"who owns the build server?\"").endsWith("]\n");
    }

    @Test
    void proactiveAnswersHaveTheirOwnFiguresAndAHeldBackQuestionCountsOnlyThere() throws Exception {
        // as the Discord gateway writes them: a member's message, then two questions nobody addressed to RTFM
        String guild = "pro-guild";
        WireFormat wire = new WireFormat();
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.messages.name"), "pro-known",
                wire.write(ChatMessage.of("pro-known", "Visitor badges are printed at the front desk on the ground floor.")
                        .by("ana", "u-ana").in(guild, "help", "help").build()));
        await().atMost(Duration.ofSeconds(30)).until(() -> chroma.count() == 1);
        Map<String, Object> context = Map.of(BotQuery.ORIGIN, "http", BotQuery.TRIGGER, BotQuery.PROACTIVE);
        for (String[] asked : new String[][] {{"pro-sure", "Where are visitor badges printed, at the front desk on the ground floor?"},
                {"pro-unsure", "What is the password of the guest wifi network?"}}) {
            TopicReader.send(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.queries.name"), "help:u-bo",
                    wire.write(new BotQuery(asked[0], asked[0], asked[1], "bo", "u-bo", "help", Instant.now().toString(), context, 1, guild,
                            null, null)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/dashboard/guilds/" + guild + "/questions").body().contains("guest wifi"));
        // the member it answered took it down: their 👎, which says so
        assertThat(post("/api/feedback", "{\"query_id\":\"pro-sure\",\"user_id\":\"u-bo\",\"vote\":\"down\",\"comment\":\""
                + Feedback.REMOVED + "\",\"guild_id\":\"" + guild + "\",\"channel_id\":\"help\"}").statusCode()).isEqualTo(202);
        String overview = await().atMost(Duration.ofSeconds(30)).until(() -> get("/dashboard/guilds/" + guild).body(),
                page -> page.contains("id=\"proactive-removed\">1<"));
        assertThat(overview).contains("id=\"proactive-answered\">1<", "id=\"proactive-held-back\">1<", "id=\"proactive-helpful\">0%<")
                // a held-back question was asked by nobody and answered nobody: not among the questions counted above
                .contains("<span class=\"figure\" id=\"total\">1</span>");
        assertThat(get("/dashboard/guilds/" + guild + "/questions?outcome=proactive_skipped").body()).contains("guest wifi")
                .doesNotContain("visitor badges printed");
        // as an admin sees it: the section is shown, with its figures, in a real browser
        try (Browser browser = new Browser()) {
            browser.driver.get(base + "/dashboard/guilds/" + guild);
            assertThat(browser.driver.findElement(org.openqa.selenium.By.id("proactive")).getText().replaceAll("\\s+", " "))
                    .contains("1 answered unasked", "1 held back", "0% helpful", "1 removed by their members");
            browser.screenshot("overview-proactive");
        }
    }

    @Test
    void thereIsNothingToLogInTo() throws Exception {
        assertThat(get("/dashboard/login").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/guilds/nobody").statusCode()).isEqualTo(400);
    }
}
