package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import routes.kafka.KafkaClientSettings;
import routes.kafka.ConsumerLag;
import routes.schema.WireFormat;
import routes.testing.discord.FakeDiscord;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * Members chatting and asking, as the bot sees it: messages stored, edited and deleted; questions by
 * trigger, mention, /ask and reply, each answered once, safely, within the limits.
 */
class DiscordIT extends DiscordGuildFixture {

    @Test
    void messagesAreStoredEditsReEmbeddedAndDeletesRemoved() {
        String id = discord.guild().sendMessage(GENERAL, ALICE, "Our CI runs nightly on Jenkins", null);
        await().atMost(WAIT).until(() -> record(id).path("ids").size() == 1);
        assertThat(record(id).path("metadatas").path(0).path("channel_id").asText()).isEqualTo(GENERAL);
        assertThat(record(id).path("metadatas").path(0).path("guild_id").asText()).isEqualTo(GUILD);

        discord.guild().editMessage(GENERAL, id, ALICE, "Our CI moved to GitHub Actions");
        await().atMost(WAIT).until(() -> record(id).path("documents").path(0).asText().equals("Our CI moved to GitHub Actions"));

        discord.guild().deleteMessage(GENERAL, id);
        await().atMost(WAIT).until(() -> record(id).path("ids").size() == 0);

        // whom a message @mentions is kept with it: an answer addressed to an asker is linked to their question
        String addressed = store(GENERAL, BOB, "<@" + ALICE + "> and <@" + CAROL + "> the nightly CI config is in the infra repository");
        assertThat(record(addressed).path("metadatas").path(0).path("mentions").asText()).isEqualTo(ALICE + " " + CAROL);
    }

    @Test
    void aTriggerQuestionGetsAReplyThatPingsNobody() {
        store(GENERAL, ALICE, "Deploys go out on Fridays at 5pm after the release review");
        String question = discord.guild().sendMessage(GENERAL, BOB, "RTFM when do deploys go out?", null);
        FakeDiscord.Call reply = awaitReplyTo(question);
        assertThat(reply.body().path("content").asText()).contains("Deploys go out on Fridays").contains("Sources:")
                .contains("@everyone");
        assertSafe(reply.body());
        assertThat(discord.bot().calls()).anyMatch(call -> call.path().equals("/api/v10/channels/" + GENERAL + "/typing"));
    }

    @Test
    void aBulkDeleteRemovesEveryMessage() {
        String first = store(GENERAL, BOB, "temporary note one");
        String second = store(GENERAL, BOB, "temporary note two");
        discord.guild().bulkDelete(GENERAL, List.of(first, second));
        await().atMost(WAIT).until(() -> record(first).path("ids").size() == 0 && record(second).path("ids").size() == 0);
    }

    @Test
    void aMentionQuestionIsAnsweredToo() {
        store(GENERAL, BOB, "Release reviews happen before every Friday deploy");
        String question = discord.guild().sendMessage(GENERAL, ALICE, "<@" + FakeDiscord.BOT_ID + "> when do deploys go out?", null);
        FakeDiscord.Call reply = awaitReplyTo(question);
        assertThat(reply.body().path("content").asText()).contains("Deploys go out on Fridays");
        assertSafe(reply.body());
    }

    @Test
    void theAskSlashCommandIsDeferredThenAnsweredThroughItsInteraction() {
        store(GENERAL, ALICE, "The staging database is rebuilt every Monday morning");
        String interaction = discord.interactions().askSlash(GENERAL, BOB, "when is the staging database rebuilt?");
        await().atMost(WAIT).until(() -> discord.bot().calls().stream()
                .anyMatch(call -> call.path().startsWith("/api/v10/interactions/" + interaction + "/") && call.body() != null
                        && call.body().path("type").asInt() == 5));
        FakeDiscord.Call edit = await().atMost(WAIT).until(() -> discord.bot().calls().stream()
                .filter(call -> call.method().equals("PATCH")
                        && call.path().equals("/api/v10/webhooks/" + FakeDiscord.BOT_ID + "/interaction-token-" + interaction + "/messages/@original"))
                .findFirst().orElse(null), call -> call != null);
        assertThat(edit.body().path("content").asText()).contains("Deploys go out on Fridays").contains("Sources:");
        assertSafe(edit.body());
    }

    @Test
    void anEditThatLeavesNoTextOrAsksTheBotTakesTheMessageOutThroughTheLog() {
        String emptied = store(GENERAL, BOB, "The VPN config lives in the infra repository");
        String turned = store(GENERAL, BOB, "Backups run nightly at 2am");
        discord.guild().editMessage(GENERAL, emptied, BOB, "");
        discord.guild().editMessage(GENERAL, turned, BOB, "RTFM when do backups run?");
        await().atMost(WAIT).until(() -> record(emptied).path("ids").size() == 0 && record(turned).path("ids").size() == 0);
        // a rebuild from the log must not bring them back: the log holds a deletion record for each
        List<ConsumerRecord<String, String>> log = TopicReader.all(SharedInfrastructure.kafkaBootstrap(),
                config.getProperty("rtfm.topics.messages.name"));
        for (String id : List.of(emptied, turned)) {
            assertThat(log).anyMatch(r -> id.equals(r.key()) && new WireFormat().parseMessage(r.value()).isDeletion());
        }
    }

    @Test
    void aReplyToTheBotsAnswerIsAFollowUpQuestionAndNoKnowledge() throws Exception {
        store(GENERAL, ALICE, "Hotfixes skip the Friday train and go out right away");
        String question = discord.guild().sendMessage(GENERAL, EVE, "RTFM when do hotfixes go out?", null);
        awaitReplyTo(question);
        String botAnswer = await().atMost(WAIT).until(() -> discord.bot().replyTo(question), id -> id != null);
        String followUp = discord.guild().sendMessage(GENERAL, EVE, "and do hotfixes skip the Friday train?", botAnswer);
        assertThat(awaitReplyTo(followUp).body().path("content").asText()).contains("Sources:");
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of(config.getProperty("rtfm.kafka.processor-group-id"),
                    config.getProperty("rtfm.topics.messages.name")) == 0);
        }
        assertThat(record(followUp).path("ids").size()).isZero();
    }

    @Test
    void theBotsOwnMessagesAndOtherBotsQuestionsGetNoAnswer() throws Exception {
        String fromOtherBot = discord.guild().sendMessage(GENERAL, OTHER_BOT, "RTFM when do deploys go out?", null);
        String fromItself = discord.guild().sendMessage(GENERAL, FakeDiscord.BOT_ID, "RTFM when do deploys go out?", null);
        String control = discord.guild().sendMessage(GENERAL, ALICE, "RTFM when do deploys go out?", null);
        awaitReplyTo(control);
        // the other bot's message goes into the log like any chat, and ingest, once it has read it,
        // does not store it: it addresses the bot, so it is no knowledge. The bot's own is not even logged.
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.messages.name")))
                .anyMatch(r -> r.value().contains("\"message_id\":\"" + fromOtherBot + "\""));
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of(config.getProperty("rtfm.kafka.processor-group-id"),
                    config.getProperty("rtfm.topics.messages.name")) == 0);
        }
        assertThat(record(fromOtherBot).path("ids").size()).isZero();
        assertThat(discord.bot().sentMessages()).noneMatch(call -> call.body() != null
                && List.of(fromOtherBot, fromItself).contains(call.body().path("message_reference").path("message_id").asText()));
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.queries.name")))
                .noneMatch(r -> r.value().contains(fromOtherBot) || r.value().contains(fromItself));
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.messages.name")))
                .noneMatch(r -> r.value().contains("\"message_id\":\"" + fromItself + "\""));
    }

    @Test
    void aLongAnswerIsSplitIntoRepliesOfAtMost2000Characters() {
        store(GENERAL, ALICE, "The release checklist lives in the wiki under Operations");
        String question = discord.guild().sendMessage(GENERAL, ALICE, "RTFM where is the release checklist? LONGFORM", null);
        FakeDiscord.Call first = awaitReplyTo(question);
        assertSafe(first.body());
        List<FakeDiscord.Call> chunks = await().atMost(WAIT).until(() -> discord.bot().sentMessages().stream()
                .filter(call -> call.path().equals("/api/v10/channels/" + GENERAL + "/messages") && call.body() != null
                        && (call.body().path("content").asText().contains("A release step") || call.body().path("content").asText().contains("Sources:")))
                .toList(), list -> list.stream().anyMatch(call -> call.body().path("content").asText().contains("Sources:")));
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        chunks.forEach(call -> assertSafe(call.body()));
    }

    @Test
    void aQuestionOverTheLimitWithinAMinuteGetsAPoliteNoticeInsteadOfAnAnswer() {
        store(GENERAL, ALICE, "Lunch is at noon on the terrace");
        List<String> asked = new java.util.ArrayList<>();
        for (int i = 0; i <= QUESTION_LIMIT; i++) {
            asked.add(discord.guild().sendMessage(GENERAL, CAROL, "RTFM where is lunch, take " + i + "?", null));
        }
        String overLimit = asked.get(QUESTION_LIMIT);
        FakeDiscord.Call notice = awaitReplyTo(overLimit);
        assertThat(notice.body().path("content").asText()).contains("wait a minute");
        assertSafe(notice.body());
        for (String answered : asked.subList(0, QUESTION_LIMIT)) {
            assertThat(awaitReplyTo(answered).body().path("content").asText()).contains("Sources:");
        }
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.queries.name")))
                .noneMatch(r -> r.value().contains("\"original_message_id\":\"" + overLimit + "\""));
    }
}
