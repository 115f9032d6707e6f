package routes.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.kafka.KafkaClientSettings;
import routes.RtfmApplication;
import routes.kafka.ConsumerLag;
import routes.schema.WireFormat;
import routes.testing.discord.FakeDiscord;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * The bot and the processor as two apps: an @mention answered and never stored, nothing of a message on
 * either app's observe pages, an answer posted once even when redelivered across a bot restart.
 */
class SplitDeploymentIT extends SplitDeploymentFixture {

    @Test
    void anAtMentionQuestionIsAnsweredAndNeverStoredThoughTheProcessorDoesNotKnowTheBot() throws Exception {
        store(GENERAL, BOB, "The release train leaves on Thursdays");
        String question = discord.guild().sendMessage(GENERAL, ALICE, "<@" + FakeDiscord.BOT_ID + "> when does the release train leave?", null);
        await().atMost(WAIT).until(() -> discord.bot().replyTo(question) != null);
        awaitIngested();
        assertThat(stored(question)).isFalse();
    }

    @Test
    void observeShowsNoMessageContentOnEitherApp() throws Exception {
        String text = "Bob says the zebra-crossing-" + run + " password is on the whiteboard";
        store(GENERAL, BOB, text);
        String question = discord.guild().sendMessage(GENERAL, BOB, "RTFM where is the zebra-crossing-" + run + " password?", null);
        await().atMost(WAIT).until(() -> discord.bot().replyTo(question) != null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String role : List.of("bot", "processor")) {
            for (String page : List.of("/observe/health", "/observe/metrics")) {
                String body = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + httpPorts.get(role) + page)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertThat(body).as(role + page).isNotEmpty().doesNotContain("zebra-crossing-" + run).doesNotContain("privacy-it-key");
            }
        }
    }

    @Test
    void anAnswerRedeliveredEvenAfterABotRestartIsPostedOnce() throws Exception {
        String text = "Redelivered answer " + run;
        String question = discord.guild().sendMessage(GENERAL, BOB, "a question answered elsewhere " + run, null);
        routes.schema.BotResponse answer = new routes.schema.BotResponse(routes.schema.BotResponse.idFor("q-" + run), "q-" + run,
                question, text, GENERAL, java.time.Instant.now().toString(), Map.of("origin", "discord"), 1,
                routes.schema.BotResponse.NO_MATCH, List.of(), null, 1L);
        String json = new WireFormat().write(answer);
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-responses", GENERAL, json);
        await().atMost(WAIT).until(() -> posted(text) == 1);
        // the same answer again (a redelivery), then again after the bot restarted: still one post
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-responses", GENERAL, json);
        bot.close();
        bot = new RtfmApplication(config("bot"));
        bot.start();
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), "privacy-" + run + "-responses", GENERAL, json);
        String control = discord.guild().sendMessage(GENERAL, ALICE, "RTFM is the release train on Thursdays " + run + "?", null);
        await().atMost(WAIT).until(() -> discord.bot().replyTo(control) != null);
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of("privacy-bot-" + run, "privacy-" + run + "-responses") == 0);
        }
        assertThat(posted(text)).isEqualTo(1);
    }
}
