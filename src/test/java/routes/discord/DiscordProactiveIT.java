package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import routes.schema.BotResponse;
import routes.testing.discord.FakeDiscord;
import routes.testing.discord.FakeInteractions;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * Answers nobody asked for, only where an admin turned them on and only when the ranking is sure, and
 * solutions members mark (in channels and forums).
 */
class DiscordProactiveIT extends DiscordGuildFixture {

    @Test
    void aQuestionNobodyAskedIsAnsweredOnlyWhereAnAdminTurnedItOnAndOnlyWhenTheRankingIsSure() {
        store(HELP, ALICE, "To reset the staging database run make reset-staging in the ops repository");
        String question = "How do I reset the staging database from the ops repository?";
        String whileOff = discord.guild().sendMessage(HELP, BOB, question, null);

        FakeInteractions.ChannelOption help = new FakeInteractions.ChannelOption(HELP);
        String refused = discord.interactions().slash(HELP, BOB, "rtfm", "autoanswer", Map.of("channel", help, "mode", "on"));
        assertThat(interactionText(refused)).contains("Manage Server");
        String on = discord.interactions().slash(HELP, ALICE, "rtfm", "autoanswer", Map.of("channel", help, "mode", "on"));
        assertThat(interactionText(on)).contains("on in <#" + HELP + ">");

        // the stored message says it nearly word for word: answered unasked, as a reply, saying where it comes from
        String sure = discord.guild().sendMessage(HELP, CAROL, question, null);
        FakeDiscord.Call offered = awaitReplyTo(sure);
        assertThat(offered.body().path("content").asText()).startsWith("This may already be answered — from earlier in #help:")
                .contains("Sources:");
        assertSafe(offered.body());
        // nobody asked for it: the member it answered can take it down, and that is their 👎; another member cannot
        String offeredId = discord.bot().replyTo(sure);
        String remove = discord.bot().buttons(offeredId).stream().filter(b -> b.startsWith("rtfm:remove:")).findFirst().orElseThrow();
        assertThat(interactionText(discord.interactions().click(offeredId, BOB, remove))).contains("Manage Messages");
        assertThat(discord.bot().replyTo(sure)).isEqualTo(offeredId);
        assertThat(interactionText(discord.interactions().click(offeredId, CAROL, remove))).startsWith("Removed");
        await().atMost(WAIT).until(() -> discord.bot().replyTo(sure) == null);
        assertThat(TopicReader.find(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.feedback.name"),
                r -> r.value().contains("\"user_id\":\"" + CAROL + "\"") && r.value().contains("\"vote\":\"down\"")
                        && r.value().contains("removed: not helpful"), WAIT)).isNotNull();
        // the channel's second proactive answer this hour is posted; its third is not (the removed one counted)
        awaitReplyTo(discord.guild().sendMessage(HELP, DAVE, question, null));
        String overLimit = discord.guild().sendMessage(HELP, EVE, question, null);
        assertThat(responseTo(overLimit).mode()).as("answered, but not posted").isEqualTo(BotResponse.GENERATED);
        // nothing said here is about the cafeteria: held back, on the record for the question log only
        String unsure = discord.guild().sendMessage(HELP, CAROL, "What time does the cafeteria close on public holidays?", null);
        assertThat(responseTo(unsure).mode()).isEqualTo(BotResponse.PROACTIVE_SKIPPED);

        // each asker's questions keep their order: once these are answered, what came before them from the same asker is done
        awaitReplyTo(discord.guild().sendMessage(HELP, BOB, "RTFM where is the ops repository?", null));
        awaitReplyTo(discord.guild().sendMessage(HELP, CAROL, "RTFM where is the ops repository?", null));
        assertThat(discord.bot().replyTo(unsure)).as("a held-back question gets no reply").isNull();
        assertThat(discord.bot().replyTo(overLimit)).as("over the channel's hourly limit: no reply").isNull();
        assertThat(responseWithin(whileOff, Duration.ofSeconds(2))).as("before the channel was on, nothing was asked").isNull();

        String off = discord.interactions().slash(HELP, ALICE, "rtfm", "autoanswer", Map.of("channel", help, "mode", "off"));
        assertThat(interactionText(off)).contains("off in <#" + HELP + ">");
        String afterOff = discord.guild().sendMessage(HELP, BOB, question, null);
        awaitReplyTo(discord.guild().sendMessage(HELP, BOB, "RTFM who runs make reset-staging?", null));
        assertThat(responseWithin(afterOff, Duration.ofSeconds(2))).as("off again: nothing asked").isNull();
    }

    @Test
    void theAskerMarksTheSolutionAndTheNextAnswerCitesItFirst() {
        String question = store(GENERAL, BOB, "How do I roll back a bad release of the payments service?");
        String closer = discord.guild().sendMessage(GENERAL, CAROL, "Roll back the payments service release with make rollback TAG=previous", question);
        String chosen = discord.guild().sendMessage(GENERAL, DAVE, "Redeploy the old payments image from the registry, that is what worked", question);
        await().atMost(WAIT).until(() -> record(closer).path("ids").size() == 1 && record(chosen).path("ids").size() == 1);

        assertThat(interactionText(discord.interactions().messageCommand(chosen, EVE, "Mark as solution"))).contains("Only the one who asked");
        assertThat(interactionText(discord.interactions().messageCommand(chosen, BOB, "Mark as solution"))).startsWith("Marked as the solution");
        // the bot's ✅ on it
        await().atMost(WAIT).until(() -> discord.bot().calls().stream().anyMatch(call -> call.method().equals("PUT")
                && call.path().equals("/api/v10/channels/" + GENERAL + "/messages/" + chosen + "/reactions/%E2%9C%85/@me")));
        // the mark is the message's record in the log, as Chroma stores it: what it solves beside it
        await().atMost(WAIT).until(() -> record(chosen).path("metadatas").path(0).path("solution").asBoolean(false));
        assertThat(record(chosen).path("metadatas").path(0).path("solves").asText()).isEqualTo(question);
        assertThat(record(closer).path("metadatas").path(0).has("solution")).isFalse();
        // an edit of the marked message keeps its mark in the log (what reindex rebuilds from): the bot's ✅ on it says so
        discord.guild().editMessage(GENERAL, chosen, DAVE, "Redeploy the old payments image from the registry, that is what worked for us");
        await().atMost(WAIT).until(() -> record(chosen).path("documents").path(0).asText().endsWith("worked for us"));
        List<ConsumerRecord<String, String>> versions = TopicReader.all(SharedInfrastructure.kafkaBootstrap(),
                config.getProperty("rtfm.topics.messages.name")).stream().filter(r -> chosen.equals(r.key())).toList();
        assertThat(versions.get(versions.size() - 1).value()).contains("worked for us").contains("\"solution\":true");

        BotResponse answer = responseTo(discord.guild().sendMessage(GENERAL, EVE, "RTFM how do I roll back a bad release of the payments service?", null));
        assertThat(answer.sources()).extracting(BotResponse.Source::messageId).first().isEqualTo(chosen);
    }

    @Test
    void aForumPostLikeASolvedOneGetsOneProactiveAnswerInItsThreadCitingTheSolutionFirst() {
        // an earlier post, answered twice in its thread; its author marked the second answer as the solution
        String earlier = discord.guild().forumPost(FORUM, BOB, "staging reset lock", "Resetting the staging database fails with a lock error");
        String first = discord.guild().sendMessage(earlier, CAROL, "Try running the staging reset again after a minute", null);
        String solution = discord.guild().sendMessage(earlier, ALICE, "Stop the staging workers first, then the reset takes the lock", null);
        await().atMost(WAIT).until(() -> record(first).path("ids").size() == 1 && record(solution).path("ids").size() == 1);
        assertThat(interactionText(discord.interactions().messageCommand(solution, BOB, "Mark as solution"))).startsWith("Marked as the solution")
                .endsWith("Tagged the post Solved.");
        await().atMost(WAIT).until(() -> record(solution).path("metadatas").path(0).path("solution").asBoolean(false));
        await().atMost(WAIT).until(() -> discord.guild().appliedTags(earlier), tags -> tags.equals(List.of(FakeDiscord.solvedTagId(FORUM))));

        String on = discord.interactions().slash(GENERAL, ALICE, "rtfm", "autoanswer", Map.of("channel", new FakeInteractions.ChannelOption(FORUM), "mode", "on"));
        assertThat(interactionText(on)).contains("on in <#" + FORUM + ">");
        // no question mark, no "how": in a forum every new post is a question
        String post = discord.guild().forumPost(FORUM, DAVE, "reset fails", "Resetting the staging database fails with a lock error again");
        FakeDiscord.Call offered = awaitReplyTo(post);
        assertThat(offered.path()).isEqualTo("/api/v10/channels/" + post + "/messages");
        assertThat(offered.body().path("content").asText()).startsWith("This may already be answered — from earlier in #questions:");
        assertThat(responseTo(post).sources()).extracting(BotResponse.Source::messageId).first().isEqualTo(solution);
        // what follows in the post's thread is conversation, not a new question
        String followUp = discord.guild().sendMessage(post, DAVE, "How do I stop the staging workers though?", null);
        awaitReplyTo(discord.guild().sendMessage(post, DAVE, "RTFM how do I stop the staging workers?", null));
        assertThat(responseWithin(followUp, Duration.ofSeconds(2))).isNull();
    }

    @Test
    void aSolutionMarkedInAForumWhereTheBotCannotManageThreadsStandsUntaggedAndTheMemberIsToldWhy() {
        String post = discord.guild().forumPost(IDEAS, CAROL, "dark mode", "Is there a dark mode for the status page");
        String answer = discord.guild().sendMessage(post, BOB, "Yes: add ?theme=dark to the status page address", null);
        await().atMost(WAIT).until(() -> record(answer).path("ids").size() == 1);
        assertThat(interactionText(discord.interactions().messageCommand(answer, CAROL, "Mark as solution"))).startsWith("Marked as the solution")
                .endsWith("I can't tag the post Solved: that needs Manage Threads in #ideas.");
        await().atMost(WAIT).until(() -> record(answer).path("metadatas").path(0).path("solution").asBoolean(false));
        assertThat(discord.guild().appliedTags(post)).isEmpty();
    }
}
