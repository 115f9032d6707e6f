package routes.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.kafka.KafkaClientSettings;
import routes.schema.ChannelSetting;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

class ProactiveQuestionsTest {

    private static final String QUESTION = "How do I persist a vector index to disk between runs?";

    private final AutoAnswerChannels channels = new AutoAnswerChannels(new WireFormat(), KafkaClientSettings.of("unused:1"), "unused", null);
    private final ProactiveQuestions proactive = new ProactiveQuestions(channels);

    private static DiscordMessage message(String id, String channel, String content, String replyTo, String thread, Boolean bot,
                                          Boolean addressesBot, String source) {
        return new DiscordMessage(id, content, "ana", "7", channel, "2025-11-02T12:34:56Z", Map.of(), 1, DiscordMessage.CREATED, "g1",
                "help", thread, replyTo, bot, List.of(), null, null, addressesBot, source);
    }

    private static DiscordMessage asked(String channel, String content) {
        return message("m1", channel, content, null, null, false, false, DiscordMessage.LIVE);
    }

    @Test
    void offEverywhereUntilAnAdminTurnsAChannelOn() {
        assertThat(proactive.applies(asked("help", QUESTION))).isFalse();
        channels.apply(new ChannelSetting("g1", "help", true, "admin", "2025-11-02T12:00:00Z", 1));
        assertThat(proactive.applies(asked("help", QUESTION))).isTrue();
        assertThat(proactive.applies(asked("general", QUESTION))).as("only the channel turned on").isFalse();
        channels.apply(new ChannelSetting("g1", "help", false, "admin", "2025-11-02T13:00:00Z", 1));
        assertThat(proactive.applies(asked("help", QUESTION))).isFalse();
    }

    @Test
    void onlyAMembersNewLiveQuestionThatStartsAConversation() {
        channels.apply(new ChannelSetting("g1", "help", true, "admin", "2025-11-02T12:00:00Z", 1));
        assertThat(proactive.applies(asked("help", "I pushed the new loader to main this morning"))).as("not a question").isFalse();
        assertThat(proactive.applies(message("m2", "help", QUESTION, "m1", null, false, false, null))).as("a reply").isFalse();
        assertThat(proactive.applies(message("m3", "help", QUESTION, null, null, true, false, null))).as("a bot's").isFalse();
        assertThat(proactive.applies(message("m4", "help", "RTFM " + QUESTION, null, null, false, true, null))).as("asks RTFM already").isFalse();
        assertThat(proactive.applies(message("m5", "help", QUESTION, null, "t1", false, false, null))).as("a follow-up in a thread").isFalse();
        assertThat(proactive.applies(message("t2", "help", QUESTION, null, "t2", false, false, null))).as("a thread's starter").isTrue();
        assertThat(proactive.applies(message("m6", "help", QUESTION, null, null, false, false, DiscordMessage.BACKFILL))).as("history").isFalse();
        // a forum post's starter is a question whatever its words; a statement elsewhere is not
        DiscordMessage post = new DiscordMessage("t3", "Resetting staging fails with a lock error", "ana", "7", "help", "2025-11-02T12:34:56Z",
                Map.of(DiscordMessage.FORUM_POST, true), 1, DiscordMessage.CREATED, "g1", "help", "t3", null, false, List.of(), null, null,
                false, DiscordMessage.LIVE);
        assertThat(proactive.applies(post)).isTrue();
        assertThat(proactive.applies(asked("help", "Resetting staging fails with a lock error"))).isFalse();
        // a record with no source is the Python system's, which knew only live messages
        assertThat(proactive.applies(message("m7", "help", QUESTION, null, null, false, false, null))).isTrue();
    }
}
