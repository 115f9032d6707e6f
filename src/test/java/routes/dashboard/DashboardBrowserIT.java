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
import org.openqa.selenium.NoAlertPresentException;
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
 * request: #staff is open only to the staff role, which the admin does not hold.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    private static final String GUILD = "5100000000000000001";
    private static final String HELP = "5100000000000000010";
    private static final String STAFF = "5100000000000000011";
    private static final String ADMIN_ROLE = "5100000000000000100";
    private static final String STAFF_ROLE = "5100000000000000101";
    private static final String OWNER = "6100000000000000001";
    private static final String ADMIN = "6100000000000000002";
    private static final String MEMBER = "6100000000000000003";
    private static final String STAFFER = "6100000000000000004";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SCRIPT = "why does <script>alert(1)</script> show up when I rotate the key?";
    private static final String PRIVATE = "how do I rotate the API key in private?";
    private static final List<String> DARK_MODE = List.of("how do I turn on dark mode in the mobile app?",
            "is there a dark theme for the phone app?", "can the mobile app switch to dark mode?");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = TestDatabase.freshSchema("dashboard_it");
    private FakeDiscord discord;
    private RtfmApplication app;
    private Browser browser;
    private routes.testing.LogCapture logs;
    /** Every session id the browser was given: none may show in a log line. */
    private final java.util.Set<String> sessionIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private String base;
    private String keyMessage;
    private String rotateQuery;
    private String staffQuery;

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

    private final Map<String, String> questionMessages = new java.util.concurrent.ConcurrentHashMap<>();

    private String answered(String questionMessage) {
        String reply = await().atMost(WAIT).until(() -> discord.bot().replyTo(questionMessage), id -> id != null && !discord.bot().buttons(id).isEmpty());
        String queryId = discord.bot().buttons(reply).get(0).substring("rtfm:vote:up:".length());
        questionMessages.put(queryId, questionMessage);
        return queryId;
    }

    private String question(String queryId) {
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

    private void logInAs(String memberId) {
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

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private List<String> questionTexts() {
        return browser.driver.findElements(By.cssSelector("a.question-link")).stream().map(WebElement::getText).toList();
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        var cookie = browser.driver.manage().getCookieNamed(Sessions.COOKIE);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            request.header("Cookie", Sessions.COOKIE + "=" + cookie.getValue());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminSeesTheGuildItsQuestionsVotesSourcesGapsAndExport() throws Exception {
        logInAs(ADMIN);
        assertThat(browser.driver.findElement(By.linkText("Fake Guild")).getAttribute("href")).isEqualTo(base + "/dashboard/guilds/" + GUILD);
        browser.screenshot("guilds");
        browser.driver.findElement(By.linkText("Fake Guild")).click();

        // overview: the 6 questions of #help, the private one counted (the #staff one is not the admin's to count), 1 👍 and 1 👎
        assertThat(text("total")).isEqualTo("6");
        assertThat(text("helpful-rate")).isEqualTo("50%");
        assertThat(browser.driver.findElements(By.cssSelector("#chart rect.bar"))).isNotEmpty();
        assertThat(text("top-channels")).isEqualTo("#help: 6");
        assertThat(browser.driver.findElements(By.id("proactive"))).as("no proactive answers here: no empty section of them").isEmpty();
        browser.screenshot("overview");

        browser.driver.findElement(By.id("nav-questions")).click();
        assertThat(questionTexts()).hasSize(5).contains("how do I rotate the API key?", SCRIPT).containsAll(DARK_MODE)
                .doesNotContain("when does the payroll export run?", PRIVATE);
        WebElement rotateRow = browser.driver.findElement(By.cssSelector("tr[data-id='" + rotateQuery + "']"));
        assertThat(rotateRow.findElements(By.tagName("td")).get(5).getText()).isEqualTo("1");
        browser.screenshot("questions");

        rotateRow.findElement(By.cssSelector("a.question-link")).click();
        assertThat(text("question-text")).isEqualTo("how do I rotate the API key?");
        assertThat(browser.driver.findElement(By.cssSelector("#sources a.jump")).getAttribute("href"))
                .isEqualTo("https://discord.com/channels/" + GUILD + "/" + HELP + "/" + keyMessage);
        assertThat(text("votes")).startsWith("👍");
        browser.screenshot("question");

        // the three dark-mode questions found nothing: one topic of three, ahead of the single one
        browser.driver.findElement(By.id("nav-gaps")).click();
        List<WebElement> topics = browser.driver.findElements(By.cssSelector("#topics > li.topic"));
        assertThat(topics.get(0).findElement(By.className("size")).getText()).isEqualTo("3");
        assertThat(topics.get(0).findElements(By.cssSelector("ul a")).stream().map(WebElement::getText).toList())
                .containsExactlyInAnyOrderElementsOf(DARK_MODE);
        browser.screenshot("gaps");

        HttpResponse<String> csv = fetch("/dashboard/guilds/" + GUILD + "/export?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        // a header and one record per #help question (an answer's line breaks stay inside its quoted field)
        assertThat(csv.body().lines().filter(line -> line.startsWith("query_") && !line.startsWith("query_id,")).count()).isEqualTo(5);
        assertThat(csv.body()).startsWith(QuestionExport.CSV_HEADER);
        assertThat(csv.body()).contains("how do I rotate the API key?").doesNotContain("payroll").doesNotContain("in private");
        browser.driver.get(base + "/dashboard/guilds/" + GUILD + "/questions?q=private");
        assertThat(browser.driver.findElements(By.id("no-questions"))).as("a private question is never listed").hasSize(1);
    }

    @Test
    void anAdminWhoCannotReadStaffNeverSeesItsQuestion() throws Exception {
        logInAs(ADMIN);
        browser.driver.get(base + "/dashboard/guilds/" + GUILD + "/questions?q=payroll");
        assertThat(browser.driver.findElements(By.id("no-questions"))).hasSize(1);
        HttpResponse<String> detail = fetch("/dashboard/guilds/" + GUILD + "/questions/" + staffQuery);
        assertThat(detail.statusCode()).isEqualTo(404);
        assertThat(detail.body()).doesNotContain("payroll");
        assertThat(fetch("/dashboard/guilds/" + GUILD + "/export?format=json").body()).doesNotContain("payroll").contains("rotate");
        // the owner reads #staff: the same URL shows it
        loggedOut();
        logInAs(OWNER);
        browser.driver.get(base + "/dashboard/guilds/" + GUILD + "/questions/" + staffQuery);
        assertThat(text("question-text")).isEqualTo("when does the payroll export run?");
    }

    @Test
    void aMemberWithoutManageServerSeesNoGuildAndTheGuildAnswers403() throws Exception {
        logInAs(MEMBER);
        assertThat(browser.driver.findElements(By.id("no-guilds"))).hasSize(1);
        browser.driver.get(base + "/dashboard/guilds/" + GUILD);
        assertThat(text("error")).contains("Manage Server");
        browser.screenshot("forbidden");
        assertThat(fetch("/dashboard/guilds/" + GUILD).statusCode()).isEqualTo(403);
    }

    @Test
    void aRoleTakenAwayInDiscordTakesThePageAtTheNextRequest() throws Exception {
        logInAs(ADMIN);
        assertThat(fetch("/dashboard/guilds/" + GUILD).statusCode()).isEqualTo(200);
        try {
            discord.guild().setRoles(ADMIN, Set.of());
            assertThat(fetch("/dashboard/guilds/" + GUILD).statusCode()).isEqualTo(403);
            assertThat(fetch("/dashboard/guilds/" + GUILD + "/export?format=csv").statusCode()).isEqualTo(403);
        } finally {
            discord.guild().setRoles(ADMIN, Set.of(ADMIN_ROLE));
        }
    }

    @Test
    void aQuestionThatIsAScriptShowsAsText() {
        logInAs(ADMIN);
        browser.driver.get(base + "/dashboard/guilds/" + GUILD + "/questions?q=script");
        assertThat(questionTexts()).containsExactly(SCRIPT);
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("the question's script ran");
        } catch (NoAlertPresentException expected) {
            // shown as text, never run
        }
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        logInAs(ADMIN);
        String session = browser.driver.manage().getCookieNamed(Sessions.COOKIE).getValue();
        assertThat(browser.driver.manage().getCookieNamed(Sessions.COOKIE).isHttpOnly()).isTrue();
        browser.driver.findElement(By.id("logout")).click();
        // the logout form's POST answers with a redirect: the next page is there once the browser has followed it
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver.findElements(By.id("login")).size() == 1);
        HttpResponse<String> replayed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/dashboard/guilds/" + GUILD))
                .header("Cookie", Sessions.COOKIE + "=" + session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(401);
    }

    @Test
    void thePagesAskNoOtherHost() throws Exception {
        logInAs(ADMIN);
        for (String page : List.of("", "/questions", "/questions/" + rotateQuery, "/gaps", "/questions?outcome=no_match")) {
            browser.driver.get(base + "/dashboard/guilds/" + GUILD + page);
        }
        // chrome:// pages are the browser's own and data: URLs are inline: neither goes over the network
        Set<String> urls = browser.requestedUrls().stream().filter(url -> !url.startsWith("chrome:") && !url.startsWith("data:"))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(urls).anyMatch(url -> url.endsWith("/dashboard/assets/dashboard.css"));
        assertThat(urls.stream().map(Browser::host).distinct()).containsOnly("127.0.0.1");
    }

    @Test
    void noLogLineShowsTheClientSecretATokenOrASessionId() {
        logInAs(ADMIN);
        assertThat(sessionIds).isNotEmpty();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains("dashboard-secret") || line.contains("user-token-")
                || line.matches("(?s).*code-\\d{10,}.*") || sessionIds.stream().anyMatch(line::contains));
    }

    @Test
    void badParametersAnswer400NamingThem() throws Exception {
        logInAs(ADMIN);
        for (var bad : Map.of("?page=0", "'page'", "?from=yesterday", "'from'", "?outcome=great", "'outcome'", "?page=99", "'page'").entrySet()) {
            HttpResponse<String> response = fetch("/dashboard/guilds/" + GUILD + "/questions" + bad.getKey());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(response.body()).as(bad.getKey()).contains(bad.getValue().replace("'", "&#39;")).doesNotContain("Exception");
        }
        assertThat(fetch("/dashboard/guilds/not-a-guild").statusCode()).isEqualTo(400);
    }
}
