package routes.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.kafka.KafkaClientSettings;
import routes.RtfmApplication;
import routes.kafka.ConsumerLag;
import routes.schema.BotResponse;
import routes.schema.WireFormat;
import routes.testing.AppIT;
import routes.testing.FakeDiscord;
import routes.testing.Gemini;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * The real app (role all) with the real JDA client connected to a fake Discord on loopback, the
 * shared real Kafka and Chroma, and WireMock as Gemini. Main code is pointed at the fake by
 * configuration alone.
 */
class DiscordIT extends AppIT {

    /** Above what any one member asks in the other tests (Alice asks 7), so only the limit test reaches it. */
    private static final int QUESTION_LIMIT = 10;
    private static final String API_TOKEN = "discord-it-api-token";
    private static final String GUILD = "3000000000000000001";
    private static final String GENERAL = "3000000000000000010";
    private static final String SECRET = "3000000000000000011";
    private static final String ALICE = "4000000000000000001";
    private static final String BOB = "4000000000000000002";
    private static final String OTHER_BOT = "4000000000000000003";
    private static final String CAROL = "4000000000000000004";
    private static final String DAVE = "4000000000000000005";
    private static final String EVE = "4000000000000000006";
    private static final String STAFF = "3000000000000000012";
    /** Only the proactive-answers test posts here: it is the one channel with them on. */
    private static final String HELP = "3000000000000000013";
    /** A forum: each post a thread, its starter message under the thread's id. */
    private static final String FORUM = "3000000000000000014";
    /** A forum where the bot lacks Manage Threads: a marked solution's post cannot be tagged there. */
    private static final String IDEAS = "3000000000000000015";
    private static final String STAFF_ROLE = "5000000000000000001";
    private static final String PUBLIC_THREAD = "3000000000000000020";
    private static final String PRIVATE_THREAD = "3000000000000000021";
    private static final String LONG_ANSWER = "Here is everything about releases.\n" + "A release step explained at length. ".repeat(150);
    // the model tries to ping everyone: the reply must ping nobody
    private static final String MODEL_ANSWER = "@everyone Deploys go out on Fridays at 5pm [1].";
    private static final Duration WAIT = Duration.ofSeconds(45);

    private FakeDiscord discord;
    private WireMockServer gemini;

    @BeforeAll
    void start() throws Exception {
        discord = new FakeDiscord(GUILD,
                List.of(new FakeDiscord.Channel(GENERAL, "general", null), new FakeDiscord.Channel(SECRET, "secret", Set.of(ALICE)),
                        new FakeDiscord.Channel(STAFF, "staff", null, Set.of(STAFF_ROLE)), new FakeDiscord.Channel(HELP, "help", null),
                        new FakeDiscord.Channel(FORUM, "questions", null), new FakeDiscord.Channel(IDEAS, "ideas", null)),
                List.of(new FakeDiscord.Member(ALICE, "alice", false), new FakeDiscord.Member(BOB, "bob", false),
                        new FakeDiscord.Member(OTHER_BOT, "otherbot", true), new FakeDiscord.Member(CAROL, "carol", false),
                        new FakeDiscord.Member(DAVE, "dave", false, Set.of(STAFF_ROLE)), new FakeDiscord.Member(EVE, "eve", false)),
                List.of(new FakeDiscord.Thread(PUBLIC_THREAD, "deploy help", GENERAL, null),
                        new FakeDiscord.Thread(PRIVATE_THREAD, "hr matters", GENERAL, Set.of(ALICE)))).forums(FORUM, IDEAS).botManagesThreadsIn(FORUM).start();
        gemini = apps.closeAfter(new WireMockServer(wireMockConfig().dynamicPort()), () -> gemini.stop());
        gemini.start();
        apps.closeAfter(discord, discord::close);
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(10)
                .willReturn(okJson(Gemini.answer(MODEL_ANSWER))));
        gemini.stubFor(post(urlPathMatching("/v1beta/models/.*:generateContent")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("LONGFORM"))
                .willReturn(okJson(Gemini.answer(LONG_ANSWER))));
        configure("discord");
        config.setProperty("rtfm.gemini.api-key", "discord-it-key");
        config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
        config.setProperty("rtfm.http.api-token", API_TOKEN);
        discord.configure(config);
        config.setProperty("rtfm.discord.questions-per-minute", Integer.toString(QUESTION_LIMIT));
        // #help, where proactive answers are on, gets two an hour: the test reaches the limit
        config.setProperty("rtfm.autoanswer.per-channel-per-hour", "2");
        startApp();
        assertThat(discord.identified()).isTrue();
    }

    @Test
    void messagesAreStoredEditsReEmbeddedAndDeletesRemoved() {
        String id = discord.sendMessage(GENERAL, ALICE, "Our CI runs nightly on Jenkins", null);
        await().atMost(WAIT).until(() -> record(id).path("ids").size() == 1);
        assertThat(record(id).path("metadatas").path(0).path("channel_id").asText()).isEqualTo(GENERAL);
        assertThat(record(id).path("metadatas").path(0).path("guild_id").asText()).isEqualTo(GUILD);

        discord.editMessage(GENERAL, id, ALICE, "Our CI moved to GitHub Actions");
        await().atMost(WAIT).until(() -> record(id).path("documents").path(0).asText().equals("Our CI moved to GitHub Actions"));

        discord.deleteMessage(GENERAL, id);
        await().atMost(WAIT).until(() -> record(id).path("ids").size() == 0);

        // whom a message @mentions is kept with it: an answer addressed to an asker is linked to their question
        String addressed = store(GENERAL, BOB, "<@" + ALICE + "> and <@" + CAROL + "> the nightly CI config is in the infra repository");
        assertThat(record(addressed).path("metadatas").path(0).path("mentions").asText()).isEqualTo(ALICE + " " + CAROL);
    }

    @Test
    void aTriggerQuestionGetsAReplyThatPingsNobody() {
        store(GENERAL, ALICE, "Deploys go out on Fridays at 5pm after the release review");
        String question = discord.sendMessage(GENERAL, BOB, "RTFM when do deploys go out?", null);
        FakeDiscord.Call reply = awaitReplyTo(question);
        assertThat(reply.body().path("content").asText()).contains("Deploys go out on Fridays").contains("Sources:")
                .contains("@everyone");
        assertSafe(reply.body());
        assertThat(discord.calls()).anyMatch(call -> call.path().equals("/api/v10/channels/" + GENERAL + "/typing"));
    }

    @Test
    void aQuestionNobodyAskedIsAnsweredOnlyWhereAnAdminTurnedItOnAndOnlyWhenTheRankingIsSure() {
        store(HELP, ALICE, "To reset the staging database run make reset-staging in the ops repository");
        String question = "How do I reset the staging database from the ops repository?";
        String whileOff = discord.sendMessage(HELP, BOB, question, null);

        FakeDiscord.ChannelOption help = new FakeDiscord.ChannelOption(HELP);
        String refused = discord.slash(HELP, BOB, "rtfm", "autoanswer", Map.of("channel", help, "mode", "on"));
        assertThat(interactionText(refused)).contains("Manage Server");
        String on = discord.slash(HELP, ALICE, "rtfm", "autoanswer", Map.of("channel", help, "mode", "on"));
        assertThat(interactionText(on)).contains("on in <#" + HELP + ">");

        // the stored message says it nearly word for word: answered unasked, as a reply, saying where it comes from
        String sure = discord.sendMessage(HELP, CAROL, question, null);
        FakeDiscord.Call offered = awaitReplyTo(sure);
        assertThat(offered.body().path("content").asText()).startsWith("This may already be answered — from earlier in #help:")
                .contains("Sources:");
        assertSafe(offered.body());
        // nobody asked for it: the member it answered can take it down, and that is their 👎; another member cannot
        String offeredId = discord.botReplyTo(sure);
        String remove = discord.buttons(offeredId).stream().filter(b -> b.startsWith("rtfm:remove:")).findFirst().orElseThrow();
        assertThat(interactionText(discord.click(offeredId, BOB, remove))).contains("Manage Messages");
        assertThat(discord.botReplyTo(sure)).isEqualTo(offeredId);
        assertThat(interactionText(discord.click(offeredId, CAROL, remove))).startsWith("Removed");
        await().atMost(WAIT).until(() -> discord.botReplyTo(sure) == null);
        assertThat(TopicReader.find(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.feedback.name"),
                r -> r.value().contains("\"user_id\":\"" + CAROL + "\"") && r.value().contains("\"vote\":\"down\"")
                        && r.value().contains("removed: not helpful"), WAIT)).isNotNull();
        // the channel's second proactive answer this hour is posted; its third is not (the removed one counted)
        awaitReplyTo(discord.sendMessage(HELP, DAVE, question, null));
        String overLimit = discord.sendMessage(HELP, EVE, question, null);
        assertThat(responseTo(overLimit).mode()).as("answered, but not posted").isEqualTo(BotResponse.GENERATED);
        // nothing said here is about the cafeteria: held back, on the record for the question log only
        String unsure = discord.sendMessage(HELP, CAROL, "What time does the cafeteria close on public holidays?", null);
        assertThat(responseTo(unsure).mode()).isEqualTo(BotResponse.PROACTIVE_SKIPPED);

        // each asker's questions keep their order: once these are answered, what came before them from the same asker is done
        awaitReplyTo(discord.sendMessage(HELP, BOB, "RTFM where is the ops repository?", null));
        awaitReplyTo(discord.sendMessage(HELP, CAROL, "RTFM where is the ops repository?", null));
        assertThat(discord.botReplyTo(unsure)).as("a held-back question gets no reply").isNull();
        assertThat(discord.botReplyTo(overLimit)).as("over the channel's hourly limit: no reply").isNull();
        assertThat(responseWithin(whileOff, Duration.ofSeconds(2))).as("before the channel was on, nothing was asked").isNull();

        String off = discord.slash(HELP, ALICE, "rtfm", "autoanswer", Map.of("channel", help, "mode", "off"));
        assertThat(interactionText(off)).contains("off in <#" + HELP + ">");
        String afterOff = discord.sendMessage(HELP, BOB, question, null);
        awaitReplyTo(discord.sendMessage(HELP, BOB, "RTFM who runs make reset-staging?", null));
        assertThat(responseWithin(afterOff, Duration.ofSeconds(2))).as("off again: nothing asked").isNull();
    }

    @Test
    void theAskerMarksTheSolutionAndTheNextAnswerCitesItFirst() {
        String question = store(GENERAL, BOB, "How do I roll back a bad release of the payments service?");
        String closer = discord.sendMessage(GENERAL, CAROL, "Roll back the payments service release with make rollback TAG=previous", question);
        String chosen = discord.sendMessage(GENERAL, DAVE, "Redeploy the old payments image from the registry, that is what worked", question);
        await().atMost(WAIT).until(() -> record(closer).path("ids").size() == 1 && record(chosen).path("ids").size() == 1);

        assertThat(interactionText(discord.messageCommand(chosen, EVE, "Mark as solution"))).contains("Only the one who asked");
        assertThat(interactionText(discord.messageCommand(chosen, BOB, "Mark as solution"))).startsWith("Marked as the solution");
        // the bot's ✅ on it
        await().atMost(WAIT).until(() -> discord.calls().stream().anyMatch(call -> call.method().equals("PUT")
                && call.path().equals("/api/v10/channels/" + GENERAL + "/messages/" + chosen + "/reactions/%E2%9C%85/@me")));
        // the mark is the message's record in the log, as Chroma stores it: what it solves beside it
        await().atMost(WAIT).until(() -> record(chosen).path("metadatas").path(0).path("solution").asBoolean(false));
        assertThat(record(chosen).path("metadatas").path(0).path("solves").asText()).isEqualTo(question);
        assertThat(record(closer).path("metadatas").path(0).has("solution")).isFalse();
        // an edit of the marked message keeps its mark in the log (what reindex rebuilds from): the bot's ✅ on it says so
        discord.editMessage(GENERAL, chosen, DAVE, "Redeploy the old payments image from the registry, that is what worked for us");
        await().atMost(WAIT).until(() -> record(chosen).path("documents").path(0).asText().endsWith("worked for us"));
        List<ConsumerRecord<String, String>> versions = TopicReader.all(SharedInfrastructure.kafkaBootstrap(),
                config.getProperty("rtfm.topics.messages.name")).stream().filter(r -> chosen.equals(r.key())).toList();
        assertThat(versions.get(versions.size() - 1).value()).contains("worked for us").contains("\"solution\":true");

        BotResponse answer = responseTo(discord.sendMessage(GENERAL, EVE, "RTFM how do I roll back a bad release of the payments service?", null));
        assertThat(answer.sources()).extracting(BotResponse.Source::messageId).first().isEqualTo(chosen);
    }

    @Test
    void aForumPostLikeASolvedOneGetsOneProactiveAnswerInItsThreadCitingTheSolutionFirst() {
        // an earlier post, answered twice in its thread; its author marked the second answer as the solution
        String earlier = discord.forumPost(FORUM, BOB, "staging reset lock", "Resetting the staging database fails with a lock error");
        String first = discord.sendMessage(earlier, CAROL, "Try running the staging reset again after a minute", null);
        String solution = discord.sendMessage(earlier, ALICE, "Stop the staging workers first, then the reset takes the lock", null);
        await().atMost(WAIT).until(() -> record(first).path("ids").size() == 1 && record(solution).path("ids").size() == 1);
        assertThat(interactionText(discord.messageCommand(solution, BOB, "Mark as solution"))).startsWith("Marked as the solution")
                .endsWith("Tagged the post Solved.");
        await().atMost(WAIT).until(() -> record(solution).path("metadatas").path(0).path("solution").asBoolean(false));
        await().atMost(WAIT).until(() -> discord.appliedTags(earlier), tags -> tags.equals(List.of(FakeDiscord.solvedTagId(FORUM))));

        String on = discord.slash(GENERAL, ALICE, "rtfm", "autoanswer", Map.of("channel", new FakeDiscord.ChannelOption(FORUM), "mode", "on"));
        assertThat(interactionText(on)).contains("on in <#" + FORUM + ">");
        // no question mark, no "how": in a forum every new post is a question
        String post = discord.forumPost(FORUM, DAVE, "reset fails", "Resetting the staging database fails with a lock error again");
        FakeDiscord.Call offered = awaitReplyTo(post);
        assertThat(offered.path()).isEqualTo("/api/v10/channels/" + post + "/messages");
        assertThat(offered.body().path("content").asText()).startsWith("This may already be answered — from earlier in #questions:");
        assertThat(responseTo(post).sources()).extracting(BotResponse.Source::messageId).first().isEqualTo(solution);
        // what follows in the post's thread is conversation, not a new question
        String followUp = discord.sendMessage(post, DAVE, "How do I stop the staging workers though?", null);
        awaitReplyTo(discord.sendMessage(post, DAVE, "RTFM how do I stop the staging workers?", null));
        assertThat(responseWithin(followUp, Duration.ofSeconds(2))).isNull();
    }

    @Test
    void aSolutionMarkedInAForumWhereTheBotCannotManageThreadsStandsUntaggedAndTheMemberIsToldWhy() {
        String post = discord.forumPost(IDEAS, CAROL, "dark mode", "Is there a dark mode for the status page");
        String answer = discord.sendMessage(post, BOB, "Yes: add ?theme=dark to the status page address", null);
        await().atMost(WAIT).until(() -> record(answer).path("ids").size() == 1);
        assertThat(interactionText(discord.messageCommand(answer, CAROL, "Mark as solution"))).startsWith("Marked as the solution")
                .endsWith("I can't tag the post Solved: that needs Manage Threads in #ideas.");
        await().atMost(WAIT).until(() -> record(answer).path("metadatas").path(0).path("solution").asBoolean(false));
        assertThat(discord.appliedTags(post)).isEmpty();
    }

    private String interactionText(String interaction) {
        return await().atMost(WAIT).until(() -> discord.interactionReply(interaction), r -> r != null).path("content").asText();
    }

    private BotResponse responseWithin(String originalMessageId, Duration wait) {
        ConsumerRecord<String, String> record = TopicReader.find(SharedInfrastructure.kafkaBootstrap(),
                config.getProperty("rtfm.topics.responses.name"),
                r -> r.value().contains("\"original_message_id\":\"" + originalMessageId + "\""), wait);
        return record == null ? null : new WireFormat().parseResponse(record.value());
    }

    @Test
    void publicThreadMessagesAreStoredUnderTheirParentChannel() {
        String inThread = discord.sendMessage(PUBLIC_THREAD, ALICE, "Rollbacks use the previous image tag", null);
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
    void aBulkDeleteRemovesEveryMessage() {
        String first = store(GENERAL, BOB, "temporary note one");
        String second = store(GENERAL, BOB, "temporary note two");
        discord.bulkDelete(GENERAL, List.of(first, second));
        await().atMost(WAIT).until(() -> record(first).path("ids").size() == 0 && record(second).path("ids").size() == 0);
    }

    @Test
    void aMentionQuestionIsAnsweredToo() {
        store(GENERAL, BOB, "Release reviews happen before every Friday deploy");
        String question = discord.sendMessage(GENERAL, ALICE, "<@" + FakeDiscord.BOT_ID + "> when do deploys go out?", null);
        FakeDiscord.Call reply = awaitReplyTo(question);
        assertThat(reply.body().path("content").asText()).contains("Deploys go out on Fridays");
        assertSafe(reply.body());
    }

    @Test
    void theAskSlashCommandIsDeferredThenAnsweredThroughItsInteraction() {
        store(GENERAL, ALICE, "The staging database is rebuilt every Monday morning");
        String interaction = discord.askSlash(GENERAL, BOB, "when is the staging database rebuilt?");
        await().atMost(WAIT).until(() -> discord.calls().stream()
                .anyMatch(call -> call.path().startsWith("/api/v10/interactions/" + interaction + "/") && call.body() != null
                        && call.body().path("type").asInt() == 5));
        FakeDiscord.Call edit = await().atMost(WAIT).until(() -> discord.calls().stream()
                .filter(call -> call.method().equals("PATCH")
                        && call.path().equals("/api/v10/webhooks/" + FakeDiscord.BOT_ID + "/interaction-token-" + interaction + "/messages/@original"))
                .findFirst().orElse(null), call -> call != null);
        assertThat(edit.body().path("content").asText()).contains("Deploys go out on Fridays").contains("Sources:");
        assertSafe(edit.body());
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
        BotResponse inGeneral = responseTo(discord.sendMessage(GENERAL, DAVE, question, null));
        assertThat(inGeneral.sources()).extracting(BotResponse.Source::channelId).doesNotContain(STAFF);
        assertThat(inGeneral.responseText()).contains("not everyone here can read").doesNotContain("staff").doesNotContain(STAFF);
        assertThat(geminiPrompts()).noneMatch(prompt -> prompt.contains("layoff announcement is drafted"));

        // in #staff everyone who sees the answer may read it
        BotResponse inStaff = responseTo(discord.sendMessage(STAFF, DAVE, question, null));
        assertThat(inStaff.sources()).extracting(BotResponse.Source::messageId).contains(staffOnly);

        // /ask private:true in #general: ephemeral from the deferral on, and it may cite #staff
        String interaction = discord.askSlash(GENERAL, DAVE, "when is the layoff announcement?", true);
        FakeDiscord.Call deferral = await().atMost(WAIT).until(() -> discord.calls().stream()
                .filter(call -> call.path().startsWith("/api/v10/interactions/" + interaction + "/") && call.body() != null)
                .findFirst().orElse(null), call -> call != null);
        assertThat(deferral.body().path("type").asInt()).isEqualTo(5);
        assertThat(deferral.body().path("data").path("flags").asInt() & 64).isEqualTo(64);
        FakeDiscord.Call answer = await().atMost(WAIT).until(() -> discord.calls().stream()
                .filter(call -> call.method().equals("PATCH")
                        && call.path().equals("/api/v10/webhooks/" + FakeDiscord.BOT_ID + "/interaction-token-" + interaction + "/messages/@original"))
                .findFirst().orElse(null), call -> call != null);
        assertThat(answer.body().path("content").asText()).contains(staffOnly);
        // nothing that cites it was ever posted in a channel but #staff (the ephemeral answer is a webhook edit)
        assertThat(discord.sentMessages()).noneMatch(call -> call.path().startsWith("/api/v10/channels/")
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
    void anEditThatLeavesNoTextOrAsksTheBotTakesTheMessageOutThroughTheLog() {
        String emptied = store(GENERAL, BOB, "The VPN config lives in the infra repository");
        String turned = store(GENERAL, BOB, "Backups run nightly at 2am");
        discord.editMessage(GENERAL, emptied, BOB, "");
        discord.editMessage(GENERAL, turned, BOB, "RTFM when do backups run?");
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
        String question = discord.sendMessage(GENERAL, EVE, "RTFM when do hotfixes go out?", null);
        awaitReplyTo(question);
        String botAnswer = await().atMost(WAIT).until(() -> discord.botReplyTo(question), id -> id != null);
        String followUp = discord.sendMessage(GENERAL, EVE, "and do hotfixes skip the Friday train?", botAnswer);
        assertThat(awaitReplyTo(followUp).body().path("content").asText()).contains("Sources:");
        try (ConsumerLag lag = new ConsumerLag(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            await().atMost(WAIT).until(() -> lag.of(config.getProperty("rtfm.kafka.processor-group-id"),
                    config.getProperty("rtfm.topics.messages.name")) == 0);
        }
        assertThat(record(followUp).path("ids").size()).isZero();
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsServed() throws Exception {
        store(GENERAL, BOB, "The metrics dashboard lives in Grafana");
        String question = discord.sendMessage(GENERAL, CAROL, "RTFM where does the metrics dashboard live?", null);
        awaitReplyTo(question);
        // a record that cannot be read: a dead letter
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.messages.name"), "poison-" + run, "{not json");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI metrics = java.net.URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + "/observe/metrics");
        java.util.Set<String> used = routes.deploy.ComposeFileTest.usedMetrics();
        String health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + config.getProperty("rtfm.http.port") + "/observe/health?data=true")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("\"discord\"").contains("gemini-breaker");
        await().atMost(WAIT).untilAsserted(() -> {
            String served = http.send(java.net.http.HttpRequest.newBuilder(metrics).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            for (String metric : used) {
                assertThat(served).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
            }
        });
    }

    private List<String> geminiPrompts() {
        return gemini.getAllServeEvents().stream().map(event -> event.getRequest().getBodyAsString()).toList();
    }

    @Test
    void theBotsOwnMessagesAndOtherBotsQuestionsGetNoAnswer() throws Exception {
        String fromOtherBot = discord.sendMessage(GENERAL, OTHER_BOT, "RTFM when do deploys go out?", null);
        String fromItself = discord.sendMessage(GENERAL, FakeDiscord.BOT_ID, "RTFM when do deploys go out?", null);
        String control = discord.sendMessage(GENERAL, ALICE, "RTFM when do deploys go out?", null);
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
        assertThat(discord.sentMessages()).noneMatch(call -> call.body() != null
                && List.of(fromOtherBot, fromItself).contains(call.body().path("message_reference").path("message_id").asText()));
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.queries.name")))
                .noneMatch(r -> r.value().contains(fromOtherBot) || r.value().contains(fromItself));
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), config.getProperty("rtfm.topics.messages.name")))
                .noneMatch(r -> r.value().contains("\"message_id\":\"" + fromItself + "\""));
    }

    @Test
    void aLongAnswerIsSplitIntoRepliesOfAtMost2000Characters() {
        store(GENERAL, ALICE, "The release checklist lives in the wiki under Operations");
        String question = discord.sendMessage(GENERAL, ALICE, "RTFM where is the release checklist? LONGFORM", null);
        FakeDiscord.Call first = awaitReplyTo(question);
        assertSafe(first.body());
        List<FakeDiscord.Call> chunks = await().atMost(WAIT).until(() -> discord.sentMessages().stream()
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
            asked.add(discord.sendMessage(GENERAL, CAROL, "RTFM where is lunch, take " + i + "?", null));
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

    /**
     * Bob, who may not read where the secret was said, gets no source from it, and no hint of it.
     * Alice, who may, gets it where it was said, but not in #general, where Bob would see the answer:
     * there she is told that a relevant message was withheld.
     */
    private void assertCitedOnlyWhereEveryoneMayReadIt(String secretId, String whereSaid, String question) {
        BotResponse toBob = responseTo(discord.sendMessage(GENERAL, BOB, question, null));
        assertThat(toBob).isNotNull();
        assertThat(toBob.sources()).extracting(BotResponse.Source::messageId).doesNotContain(secretId);
        assertThat(toBob.responseText()).doesNotContain("not everyone here can read");
        BotResponse toAliceInGeneral = responseTo(discord.sendMessage(GENERAL, ALICE, question, null));
        assertThat(toAliceInGeneral.sources()).extracting(BotResponse.Source::messageId).doesNotContain(secretId);
        assertThat(toAliceInGeneral.responseText()).contains("not everyone here can read");
        BotResponse toAliceWhereSaid = responseTo(discord.sendMessage(whereSaid, ALICE, question, null));
        assertThat(toAliceWhereSaid).isNotNull();
        assertThat(toAliceWhereSaid.sources()).extracting(BotResponse.Source::messageId).contains(secretId);
    }

    /** Sends a chat message and waits until it is in Chroma, so a question right after it can find it. */
    private String store(String channel, String author, String content) {
        String id = discord.sendMessage(channel, author, content, null);
        await().atMost(WAIT).until(() -> record(id).path("ids").size() == 1);
        return id;
    }

    private FakeDiscord.Call awaitReplyTo(String messageId) {
        return await().atMost(WAIT).until(() -> discord.sentMessages().stream()
                .filter(call -> call.body() != null && messageId.equals(call.body().path("message_reference").path("message_id").asText()))
                .findFirst().orElse(null), call -> call != null);
    }

    private static void assertSafe(JsonNode body) {
        JsonNode mentions = body.path("allowed_mentions");
        assertThat(mentions.path("parse").isArray()).as(body.toString()).isTrue();
        assertThat(mentions.path("parse").size()).isZero();
        assertThat(mentions.path("replied_user").asBoolean(false)).isFalse();
        assertThat(body.path("content").asText().length()).isLessThanOrEqualTo(2000);
    }

    private JsonNode record(String id) {
        return chroma.post(chroma.recordsUrl() + "/get", "{\"ids\": [\"" + id + "\"], \"include\": [\"documents\", \"metadatas\"]}");
    }

    BotResponse responseTo(String originalMessageId) {
        return responseWithin(originalMessageId, WAIT);
    }
}
