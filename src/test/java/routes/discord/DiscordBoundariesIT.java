package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import routes.RtfmApplication;
import routes.schema.BotResponse;
import routes.testing.discord.FakeDiscord;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * What each member may see and what the bot needs: private threads and channels, staff-only roles, the HTTP
 * API's token, the metrics the alerts use, and the Message Content intent.
 */
class DiscordBoundariesIT extends DiscordGuildFixture {

    @Test
    void publicThreadMessagesAreStoredUnderTheirParentChannel() {
        String inThread = discord.guild().sendMessage(PUBLIC_THREAD, ALICE, "Rollbacks use the previous image tag", null);
        await().atMost(WAIT).until(() -> record(inThread).path("ids").size() == 1);
        JsonNode metadata = record(inThread).path("metadatas").path(0);
        assertThat(metadata.path("channel_id").asText()).isEqualTo(GENERAL);
        assertThat(metadata.path("thread_id").asText()).isEqualTo(PUBLIC_THREAD);
    }

    @Test
    void aPrivateThreadIsCitedOnlyToItsMembers() {
        String secret = store(PRIVATE_THREAD, ALICE, "The salary review results go out in March");
        assertThat(record(secret).path("metadatas").path(0).path("channel_id").asText()).isEqualTo(PRIVATE_THREAD);
        store(GENERAL, BOB, "Reviews of the codebase happen every sprint");

        assertCitedOnlyWhereEveryoneMayReadIt(secret, PRIVATE_THREAD, "RTFM when do the salary review results go out?");
    }

    @Test
    void aMemberWhoCannotReadAPrivateChannelGetsNoSourceFromIt() {
        String secret = store(SECRET, ALICE, "The incident postmortem for the billing outage is due Thursday");
        store(GENERAL, BOB, "Billing runs on the first of the month");

        assertCitedOnlyWhereEveryoneMayReadIt(secret, SECRET, "RTFM when is the billing outage postmortem due?");
    }

    @Test
    void aStaffOnlyMessageIsNeverPostedWhereNonStaffCanSeeIt() {
        String staffOnly = store(STAFF, DAVE, "The layoff announcement is drafted for the 14th, keep it quiet");
        store(GENERAL, BOB, "The office announcement board is by the kitchen");
        String question = "RTFM when is the layoff announcement?";

        // in #general everyone sees the answer: the #staff message is withheld, counted, not named
        BotResponse inGeneral = responseTo(discord.guild().sendMessage(GENERAL, DAVE, question, null));
        assertThat(inGeneral.sources()).extracting(BotResponse.Source::channelId).doesNotContain(STAFF);
        assertThat(inGeneral.responseText()).contains("not everyone here can read").doesNotContain("staff").doesNotContain(STAFF);
        assertThat(geminiPrompts()).noneMatch(prompt -> prompt.contains("layoff announcement is drafted"));

        // in #staff everyone who sees the answer may read it
        BotResponse inStaff = responseTo(discord.guild().sendMessage(STAFF, DAVE, question, null));
        assertThat(inStaff.sources()).extracting(BotResponse.Source::messageId).contains(staffOnly);

        // /ask private:true in #general: ephemeral from the deferral on, and it may cite #staff
        String interaction = discord.interactions().askSlash(GENERAL, DAVE, "when is the layoff announcement?", true);
        FakeDiscord.Call deferral = await().atMost(WAIT).until(() -> discord.bot().calls().stream()
                .filter(call -> call.path().startsWith("/api/v10/interactions/" + interaction + "/") && call.body() != null)
                .findFirst().orElse(null), call -> call != null);
        assertThat(deferral.body().path("type").asInt()).isEqualTo(5);
        assertThat(deferral.body().path("data").path("flags").asInt() & 64).isEqualTo(64);
        FakeDiscord.Call answer = await().atMost(WAIT).until(() -> discord.bot().calls().stream()
                .filter(call -> call.method().equals("PATCH")
                        && call.path().equals("/api/v10/webhooks/" + FakeDiscord.BOT_ID + "/interaction-token-" + interaction + "/messages/@original"))
                .findFirst().orElse(null), call -> call != null);
        assertThat(answer.body().path("content").asText()).contains(staffOnly);
        // nothing that cites it was ever posted in a channel but #staff (the ephemeral answer is a webhook edit)
        assertThat(discord.bot().sentMessages()).noneMatch(call -> call.path().startsWith("/api/v10/channels/")
                && !call.path().contains("/channels/" + STAFF + "/")
                && call.body() != null && call.body().path("content").asText().contains(staffOnly));
    }

    @Test
    void nextToDiscordTheHttpApiWantsItsTokenTheAskersChannelsAndSmallBodiesAndTakesInNoMessages() throws Exception {
        String ask = "{\"question\": \"when do deploys go out?\"}";
        assertThat(postToApi("/api/ask", ask, null).statusCode()).isEqualTo(401);
        assertThat(postToApi("/api/ask", ask, "wrong").statusCode()).isEqualTo(401);
        java.net.http.HttpResponse<String> unscoped = postToApi("/api/ask", ask, API_TOKEN);
        assertThat(unscoped.statusCode()).isEqualTo(400);
        assertThat(unscoped.body()).contains("visible_channel_ids");
        java.net.http.HttpResponse<String> scoped = postToApi("/api/ask",
                "{\"question\": \"when do deploys go out?\", \"guild_id\": \"" + GUILD + "\", \"visible_channel_ids\": [\"" + GENERAL + "\"]}",
                API_TOKEN);
        assertThat(scoped.statusCode()).as(scoped.body()).isEqualTo(200);
        java.net.http.HttpResponse<String> injected = postToApi("/api/messages", "{\"message_id\": \"1\", \"content\": \"x\", \"username\": \"u\", "
                + "\"user_id\": \"2\", \"channel_id\": \"3\", \"timestamp\": \"2025-11-02T12:34:56Z\"}", API_TOKEN);
        assertThat(injected.statusCode()).isEqualTo(403);
        assertThat(postToApi("/api/ask", "{\"question\": \"" + "x".repeat(1_100_000) + "\"}", API_TOKEN).statusCode()).isEqualTo(413);
    }

    private java.net.http.HttpResponse<String> postToApi(String path, String json, String token) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + path))
                .header("Content-Type", "application/json").timeout(WAIT).POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsServed() throws Exception {
        store(GENERAL, BOB, "The metrics dashboard lives in Grafana");
        String question = discord.guild().sendMessage(GENERAL, CAROL, "RTFM where does the metrics dashboard live?", null);
        awaitReplyTo(question);
        // a record that cannot be read: a dead letter
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.messages.name"), "poison-" + run, "{not json");
        java.util.Set<String> used = routes.deploy.ComposeFileTest.usedMetrics();
        assertThat(page("/observe/health?data=true")).contains("\"discord\"").contains("gemini-breaker");
        await().atMost(WAIT).untilAsserted(() -> {
            String served = page("/observe/metrics");
            for (String metric : used) {
                assertThat(served).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
            }
        });
    }

    @Test
    void aBotWithoutTheMessageContentIntentFailsAtStartSayingSo() throws Exception {
        try (FakeDiscord refusing = new FakeDiscord(GUILD, List.of(new FakeDiscord.Channel(GENERAL, "general", null)),
                List.of(new FakeDiscord.Member(ALICE, "alice", false))).refusingPrivilegedIntents().start()) {
            Properties other = new Properties();
            other.putAll(config);
            other.setProperty("rtfm.discord.api-base-url", refusing.apiBaseUrl());
            other.setProperty("rtfm.discord.gateway-url", refusing.gatewayUrl());
            other.setProperty("rtfm.role", "bot");
            other.setProperty("rtfm.http.port", Integer.toString(routes.local.FreePort.pick()));
            RtfmApplication refused = new RtfmApplication(other);
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(refused::start)
                        .hasStackTraceContaining("Message Content intent");
            } finally {
                refused.close();
            }
        }
    }
}
