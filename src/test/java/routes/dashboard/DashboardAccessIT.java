package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Who may see the dashboard: a member without Manage Server sees no guild, a role taken away in Discord
 * takes the page at the next request, logging out ends the session, and bad parameters answer 400.
 */
class DashboardAccessIT extends DashboardFixture {

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
