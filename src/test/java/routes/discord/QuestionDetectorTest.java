package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import routes.gateway.GatewayContext;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;

class QuestionDetectorTest {

    private final QuestionDetector detector = new QuestionDetector("RTFM");

    private static DiscordMessage message(String content, String event, boolean bot) {
        return new DiscordMessage("1", content, "u", "2", "3", "2025-11-02T12:34:56.789Z", Map.of(), 1, event, "9", "general",
                null, null, bot, List.of(), null, null, null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RTFM how do I set max_tokens?|how do I set max_tokens?",
            "rtfm how do I set max_tokens?|how do I set max_tokens?",
            "  Rtfm, where are the docs?|where are the docs?",
            "RTFM: what is the API endpoint?|what is the API endpoint?",
            "RTFM|''",
    })
    void aMessageStartingWithTheTriggerIsAQuestion(String content, String question) {
        assertThat(detector.isQuestion(message(content, null, false), null)).isTrue();
        assertThat(detector.questionText(content)).isEqualTo(question);
    }

    @ParameterizedTest
    @ValueSource(strings = {"artfmusic is a band", "please rtfm before asking", "RTFMbot is cool", "", "what does RTFM mean?"})
    void theTriggerInsideAWordOrLaterInTheMessageIsNotAQuestion(String content) {
        assertThat(detector.isQuestion(message(content, null, false), null)).isFalse();
    }

    @Test
    void botsEditsAndDeletesNeverAsk() {
        assertThat(detector.isQuestion(message("RTFM what now?", null, true), null)).isFalse();
        assertThat(detector.isQuestion(message("RTFM what now?", DiscordMessage.UPDATED, false), null)).isFalse();
        assertThat(detector.isQuestion(message("RTFM what now?", DiscordMessage.DELETED, false), null)).isFalse();
    }

    @Test
    void theQueryCarriesTheOriginAndTheVisibleChannels() {
        BotQuery query = detector.toQuery(message("RTFM where is the config?", null, false),
                new GatewayContext("console", List.of("3", "4"), List.of("3"), true, Map.of("reply_channel_id", "3")));
        assertThat(query.question()).isEqualTo("where is the config?");
        assertThat(query.origin()).isEqualTo("console");
        assertThat(query.visibleChannelIds()).containsExactly("3", "4");
        assertThat(query.audienceChannelIds()).containsExactly("3");
        assertThat(query.guildId()).isEqualTo("9");
        assertThat(query.originalMessageId()).isEqualTo("1");
        assertThat(query.context()).containsEntry("reply_channel_id", "3");
    }

    @Test
    void anOverLimitAskerAsksNothing() {
        assertThat(detector.isQuestion(message("RTFM again?", null, false), new GatewayContext("discord", List.of(), null, false, null)))
                .isFalse();
    }

    @Test
    void ingestSkipsEmptyMessagesAndQuestionsButNeverADeletion() {
        assertThat(detector.skipReason(message("   ", null, false))).isEqualTo("no_text");
        assertThat(detector.skipReason(message("RTFM where?", null, false))).isEqualTo("question");
        assertThat(detector.skipReason(message("", DiscordMessage.DELETED, false))).isNull();
        assertThat(detector.skipReason(message("deploys run at 5pm", null, false))).isNull();
    }

    @Test
    void aMentionOfTheBotAsksOnceItsIdIsKnown() {
        QuestionDetector withMention = new QuestionDetector("RTFM");
        assertThat(withMention.isQuestion(message("<@42> how do I deploy?", null, false), null)).isFalse();
        withMention.setBotUserId("42");
        assertThat(withMention.isQuestion(message("<@42> how do I deploy?", null, false), null)).isTrue();
        assertThat(withMention.isQuestion(message("<@!42>, how do I deploy?", null, false), null)).isTrue();
        assertThat(withMention.questionText("<@42> how do I deploy?")).isEqualTo("how do I deploy?");
        assertThat(withMention.isQuestion(message("thanks <@42>", null, false), null)).isFalse();
        assertThat(withMention.isQuestion(message("<@43> how do I deploy?", null, false), null)).isFalse();
    }
}
