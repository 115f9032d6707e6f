package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * What an admin sees on the dashboard, in the browser: the guild, its questions, votes, sources, gaps and
 * export, never a channel they cannot read, a question's markup as text, and nothing fetched from another
 * host.
 */
class DashboardBrowserIT extends DashboardFixture {

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
}
