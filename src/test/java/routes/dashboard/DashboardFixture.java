package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.testing.discord.FakeDiscord;
import routes.testing.SharedInfrastructure;
import routes.testing.TestApps;
import routes.testing.TestDatabase;

/**
 * The dashboard as an admin uses it, in a real browser (Debian's chromium, headless): the real app and JDA
 * against the fake Discord (now with its OAuth2 pages), the question log in the real PostgreSQL, questions
 * asked and voted on in the fake Discord. Who sees what is decided by the bot's view of the viewer on every
 * request: #staff is open only to the staff role, which the admin does not hold. What admins see is
 * DashboardBrowserIT's, who may see it DashboardAccessIT's; neither's log shows a secret.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardFixture {

    // the guild and its channels (#staff: the staff role only), its roles, its members
    static final String GUILD = "5100000000000000001", HELP = "5100000000000000010", STAFF = "5100000000000000011";
    static final String ADMIN_ROLE = "5100000000000000100", STAFF_ROLE = "5100000000000000101";
    static final String OWNER = "6100000000000000001", ADMIN = "6100000000000000002", MEMBER = "6100000000000000003",
            STAFFER = "6100000000000000004";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SCRIPT = "why does <script>alert(1)</script> show up when I rotate the key?";
    static final String PRIVATE = "how do I rotate the API key in private?";
    static final List<String> DARK_MODE = List.of("how do I turn on dark mode in the mobile app?",
            "is there a dark theme for the phone app?", "can the mobile app switch to dark mode?");

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String database = TestDatabase.freshSchema("dashboard_it");
    FakeDiscord discord;
    RtfmApplication app;
    Browser browser;
    routes.testing.LogCapture logs;
    /** Every session id the browser was given: none may show in a log line. */
    final java.util.Set<String> sessionIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    String base;
    String keyMessage;
    String rotateQuery;
    String staffQuery;

    @BeforeAll
    void start() throws Exception {
        logs = routes.testing.LogCapture.install();
        discord = new FakeDiscord(GUILD,
                List.of(new FakeDiscord.Channel(HELP, "help", null), new FakeDiscord.Channel(STAFF, "staff", null, Set.of(STAFF_ROLE))),
                List.of(new FakeDiscord.Member(OWNER, "olive", false), new FakeDiscord.Member(ADMIN, "adam", false, Set.of(ADMIN_ROLE)),
                        new FakeDiscord.Member(MEMBER, "mel", false), new FakeDiscord.Member(STAFFER, "stef", false, Set.of(STAFF_ROLE))))
                .managing(ADMIN_ROLE).oauth("dashboard-client", "dashboard-secret").start();
        Properties config = TestApps.config("dashboard", run);
        config.setProperty("rtfm.database.url", database);
        config.setProperty("rtfm.http.api-token", "dashboard-it-token");
        config.setProperty("rtfm.discord.questions-per-minute", "60");
        config.setProperty("rtfm.dashboard.gap-period-ms", "1000");
        config.setProperty("rtfm.dashboard.client-id", "dashboard-client");
        config.setProperty("rtfm.dashboard.client-secret", "dashboard-secret");
        config.setProperty("rtfm.dashboard.authorize-url", discord.authorizeUrl());
        base = "http://127.0.0.1:" + config.getProperty("rtfm.http.port");
        config.setProperty("rtfm.dashboard.public-url", base);
        discord.configure(config);
        app = new RtfmApplication(config);
        ChromaCollection chroma = app.start().getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
        keyMessage = discord.guild().sendMessage(HELP, OWNER, "To rotate the API key open Settings, then Keys, and press Rotate.", null);
        discord.guild().sendMessage(STAFF, STAFFER, "The payroll export runs every Friday at noon.", null);
        await().atMost(WAIT).until(() -> chroma.count() == 2);

        rotateQuery = answered(discord.guild().sendMessage(HELP, MEMBER, "RTFM how do I rotate the API key?", null));
        staffQuery = answered(discord.guild().sendMessage(STAFF, STAFFER, "RTFM when does the payroll export run?", null));
        String scriptQuery = answered(discord.guild().sendMessage(HELP, MEMBER, "RTFM " + SCRIPT, null));
        for (String question : DARK_MODE) {
            answered(discord.guild().sendMessage(HELP, MEMBER, "RTFM " + question, null));
        }
        // asked with /ask private:true: counted on the overview, its text never shown
        discord.interactions().askSlash(HELP, MEMBER, PRIVATE, true);
        discord.interactions().click(discord.bot().replyTo(question(rotateQuery)), OWNER, "rtfm:vote:up:" + rotateQuery);
        discord.interactions().click(discord.bot().replyTo(question(scriptQuery)), MEMBER, "rtfm:vote:down:" + scriptQuery);
        // every question answered and logged, both votes in, the no-match ones embedded for the gaps page
        await().atMost(WAIT).until(() -> TestDatabase.rows(database, "SELECT COUNT(*) AS n FROM questions WHERE mode IS NOT NULL")
                .get(0).get("n").toString().equals("7")
                && TestDatabase.rows(database, "SELECT COUNT(*) AS n FROM votes").get(0).get("n").toString().equals("2")
                && Integer.parseInt(TestDatabase.rows(database, "SELECT COUNT(*) AS n FROM question_vectors WHERE query_id <> ALL (SELECT "
                        + "query_id FROM questions WHERE asked_via = 'slash_private')").get(0).get("n").toString()) == 4);
        assertThat(TestDatabase.rows(database, "SELECT question FROM questions WHERE asked_via = 'slash_private'"))
                .containsExactly(Map.of("question", PRIVATE));
        browser = new Browser();
    }

    final Map<String, String> questionMessages = new java.util.concurrent.ConcurrentHashMap<>();

    String answered(String questionMessage) {
        String reply = await().atMost(WAIT).until(() -> discord.bot().replyTo(questionMessage), id -> id != null && !discord.bot().buttons(id).isEmpty());
        String queryId = discord.bot().buttons(reply).get(0).substring("rtfm:vote:up:".length());
        questionMessages.put(queryId, questionMessage);
        return queryId;
    }

    String question(String queryId) {
        return questionMessages.get(queryId);
    }

    @AfterAll
    void stop() throws Exception {
        if (logs != null) {
            logs.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (discord != null) {
            discord.close();
        }
        TestDatabase.drop(database);
    }

    @BeforeEach
    void loggedOut() {
        browser.driver.manage().deleteAllCookies();
    }

    void logInAs(String memberId) {
        discord.authorizeAs(memberId);
        browser.driver.get(base + "/dashboard");
        browser.driver.findElement(By.id("login")).click();
        // Discord's authorize page (the fake's), then back through /dashboard/callback
        browser.driver.findElement(By.id("authorize")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver.getCurrentUrl().equals(base + "/dashboard"));
        var cookie = browser.driver.manage().getCookieNamed(Sessions.COOKIE);
        if (cookie != null) {
            sessionIds.add(cookie.getValue());
        }
    }

    String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    List<String> questionTexts() {
        return browser.driver.findElements(By.cssSelector("a.question-link")).stream().map(WebElement::getText).toList();
    }

    HttpResponse<String> fetch(String path) throws Exception {
        var cookie = browser.driver.manage().getCookieNamed(Sessions.COOKIE);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            request.header("Cookie", Sessions.COOKIE + "=" + cookie.getValue());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noLogLineShowsTheClientSecretATokenOrASessionId() {
        logInAs(ADMIN);
        assertThat(sessionIds).isNotEmpty();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains("dashboard-secret") || line.contains("user-token-")
                || line.matches("(?s).*code-\\d{10,}.*") || sessionIds.stream().anyMatch(line::contains));
    }
}
