package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.testing.discord.FakeInteractions;

/**
 * /forget, /remember and /rtfm exclude|include|forget, marked solutions and deleted channels and threads:
 * what they remove leaves the index through the log, in the split deployment.
 */
class PrivacyIT extends SplitDeploymentFixture {

    @Test
    void forgetRemovesAMembersMessagesThroughTheLogSurvivesARestartAndRememberLetsNewOnesIn() throws Exception {
        String first = store(GENERAL, FRANK, "Frank says the build cache lives on the old NAS");
        String second = store(RANDOM, FRANK, "Frank says the printer on floor 2 is cursed");
        String reply = discord.guild().sendMessage(GENERAL, GRACE, "thanks, found it", first);
        await().atMost(WAIT).until(() -> metadata(reply).path("reply_to_text").asText().contains("build cache"));

        String forget = discord.interactions().slash(GENERAL, FRANK, "forget", null, Map.of());
        assertThat(ephemeralReply(forget)).contains("removed 2 messages");
        await().atMost(WAIT).until(() -> !stored(first) && !stored(second));
        // his words also leave Grace's reply: its stored parent context is cleared
        await().atMost(WAIT).until(() -> metadata(reply).path("reply_to_text").asText("gone").isEmpty());
        assertDeletionRecordsInTheLog(first, second);

        // a new processor reads the opt-out list before it stores anything
        processor.close();
        processor = startProcessor();
        String afterRestart = discord.guild().sendMessage(GENERAL, FRANK, "Frank says the wiki moved to Confluence", null);
        store(GENERAL, GRACE, "Grace says the wiki search is slow");
        awaitIngested();
        assertThat(stored(afterRestart)).isFalse();
        // Discord still sends his old text along with a new reply to it: it is not stored as that reply's context
        String lateReply = store(GENERAL, GRACE, "is that NAS still up?", first);
        assertThat(metadata(lateReply).path("reply_to_text").asText("")).isEmpty();

        String remember = discord.interactions().slash(GENERAL, FRANK, "remember", null, Map.of());
        assertThat(ephemeralReply(remember)).contains("from now on");
        store(GENERAL, FRANK, "Frank says standup moved to 10am");
        assertThat(stored(afterRestart)).as("what he wrote while opted out stays out").isFalse();
    }

    @Test
    void forgettingASolutionsAuthorTakesTheSolutionAndItsMarkOut() throws Exception {
        String question = store(RANDOM, GRACE, "How do I get VPN access when working from home?");
        String solution = store(RANDOM, IVY, "Ivy says: request the VPN profile in the IT portal, then install it", question);
        assertThat(ephemeralReply(discord.interactions().messageCommand(solution, GRACE, "Mark as solution"))).startsWith("Marked as the solution");
        await().atMost(WAIT).until(() -> metadata(solution).path("solution").asBoolean(false));

        assertThat(ephemeralReply(discord.interactions().slash(RANDOM, IVY, "forget", null, Map.of()))).contains("removed 1 message");
        await().atMost(WAIT).until(() -> !stored(solution));
        assertDeletionRecordsInTheLog(solution);
        assertThat(stored(question)).as("the question was Grace's").isTrue();
    }

    @Test
    void onlyAdminsExcludeAndIncludeChannelsAndForgetMembers() throws Exception {
        String before = store(RANDOM, BOB, "Bob says lunch is at noon on Fridays");
        String refused = discord.interactions().slash(GENERAL, BOB, "rtfm", "exclude", Map.of("channel", new FakeInteractions.ChannelOption(RANDOM)));
        assertThat(ephemeralReply(refused)).contains("Manage Server");

        String exclude = discord.interactions().slash(GENERAL, ALICE, "rtfm", "exclude", Map.of("channel", new FakeInteractions.ChannelOption(RANDOM)));
        assertThat(ephemeralReply(exclude)).contains("removed").contains("<#" + RANDOM + ">");
        await().atMost(WAIT).until(() -> !stored(before));
        String whileExcluded = discord.guild().sendMessage(RANDOM, BOB, "Bob says the coffee machine is fixed", null);
        store(GENERAL, BOB, "Bob says the parking lot is repaved");
        awaitIngested();
        assertThat(stored(whileExcluded)).isFalse();

        String include = discord.interactions().slash(GENERAL, ALICE, "rtfm", "include", Map.of("channel", new FakeInteractions.ChannelOption(RANDOM)));
        assertThat(ephemeralReply(include)).contains("indexed again");
        store(RANDOM, BOB, "Bob says the fire drill is on Monday");

        String henrys = store(GENERAL, HENRY, "Henry says the VPN certificate expires in May");
        String forget = discord.interactions().slash(GENERAL, ALICE, "rtfm", "forget", Map.of("user", "<@" + HENRY + ">"));
        assertThat(ephemeralReply(forget)).contains("removed 1 message");
        await().atMost(WAIT).until(() -> !stored(henrys));
        assertDeletionRecordsInTheLog(before, henrys);
    }

    @Test
    void aDeletedThreadOrChannelTakesAllItsMessagesOutOfTheIndex() throws Exception {
        String inThread = store(THREAD, BOB, "Bob says the scratch notes are in the thread");
        String inChannel = store(OLD, BOB, "Bob says the old channel had the roadmap");
        String inItsPrivateThread = store(OLD_PRIVATE_THREAD, BOB, "Bob says the old budget is in the private thread");
        String elsewhere = store(GENERAL, BOB, "Bob says the roadmap is now in the wiki");

        discord.guild().deleteThread(THREAD, GENERAL);
        await().atMost(WAIT).until(() -> !stored(inThread));
        discord.guild().deleteChannel(OLD);
        await().atMost(WAIT).until(() -> !stored(inChannel) && !stored(inItsPrivateThread));
        assertThat(stored(elsewhere)).isTrue();
        assertDeletionRecordsInTheLog(inThread, inChannel, inItsPrivateThread);
    }
}
