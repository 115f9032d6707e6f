package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.BotResponse;

class ResponseFactoryTest {

    private final ResponseFactory responses = new ResponseFactory("RTFM", 20, "gemini-2.5-flash");
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private static BotQuery query(String question, List<String> visible) {
        return new BotQuery("q1", "m1", question, "ana", "7", "c1", "2025-11-02T12:34:56Z",
                Map.of("origin", "discord", "reply_channel_id", "thread-9", "channel_name", "help"), 1, "g1", visible, null);
    }

    private static Candidate candidate(String id, double similarity, String text) {
        return new Candidate(id, "c1", "help", "bo", "2025-01-01T00:00:00Z", "https://discord.com/channels/g1/c1/" + id, similarity,
                text, null, similarity);
    }

    @Test
    void anEmptyQuestionOrNoReadableChannelIsAnsweredWithoutASearch() {
        QuestionTriage triage = new QuestionTriage();
        assertThat(triage.needsNoSearch(query("", null))).isTrue();
        assertThat(triage.needsNoSearch(query("where?", List.of()))).isTrue();
        assertThat(triage.needsNoSearch(query("where?", null))).isFalse();
        assertThat(triage.needsNoSearch(query("where?", List.of("c1")))).isFalse();
        assertThat(responses.withoutSearch(query("", null), exchange).responseText()).contains("RTFM how do I");
        BotResponse blind = responses.withoutSearch(query("where?", List.of()), exchange);
        assertThat(blind.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(blind.responseText()).contains("can't search any channel");
    }

    @Test
    void withoutGenerationTheSourcesAreTheAnswerLabelledAsSuch() {
        BotResponse none = responses.withoutGeneration(query("where?", null), List.of(), exchange);
        assertThat(none.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(none.sources()).isEmpty();
        BotResponse sources = responses.withoutGeneration(query("where?", null),
                List.of(candidate("5", 0.81234, "deploys run at 5pm on fridays, ask ops first"), candidate("6", 0.5, "ok")), exchange);
        assertThat(sources.mode()).isEqualTo(BotResponse.SOURCES_ONLY);
        assertThat(sources.responseText()).startsWith("Answer generation is not configured").contains("[1] bo in #help: ");
        assertThat(sources.sources()).extracting(BotResponse.Source::messageId).containsExactly("5", "6");
        // excerpts are cut at rtfm.retrieval.excerpt-chars
        assertThat(sources.sources().get(0).excerpt()).hasSize(20).endsWith("…");
        assertThat(sources.metadata()).containsEntry("confidence", 0.812).containsEntry("sources_count", 2);
        // an answer ranked above its question (AnswerRanker) carries the ranking's score for it, beside its own similarity
        BotResponse linked = responses.withoutGeneration(query("where?", null),
                List.of(candidate("7", 0.61234, "use top_k=5").withScore(1.0456)), exchange);
        assertThat(linked.metadata()).containsEntry("confidence", 0.612).containsEntry(BotResponse.RANK_SCORE, 1.046);
        assertThat(sources.model()).isNull();
    }

    @Test
    void aSourceThatRepliesToAQuestionQuotesItOnOneLineAfterTheAnswer() {
        Candidate answer = new Candidate("7", "c1", "help", "bo", null, null, 0.8, "use top_k=5", "how do I get\nmore chunks back?",
                0.8);
        String text = responses.withoutGeneration(query("chunks?", null), List.of(answer), exchange).responseText();
        assertThat(text).contains("[1] bo in #help: use top_k=5\n    (answering: \"how do I get more chunks back?\")");
    }

    @Test
    void aGeneratedAnswerCarriesWhereItMustGoBack() {
        BotResponse answer = responses.fromGemini(new GeminiReply("Fridays at 5pm [1].", null, "STOP"), query("when?", null),
                List.of(candidate("5", 0.8, "deploys run at 5pm")), exchange);
        assertThat(answer.mode()).isEqualTo(BotResponse.GENERATED);
        assertThat(answer.model()).isEqualTo("gemini-2.5-flash");
        assertThat(answer.queryId()).isEqualTo("q1");
        assertThat(answer.originalMessageId()).isEqualTo("m1");
        assertThat(answer.metadata()).containsEntry("origin", "discord").containsEntry("reply_channel_id", "thread-9")
                .doesNotContainKey("channel_name");
    }

    @Test
    void aBlockedPromptFallsBackToTheSourcesAndACutAnswerSaysSo() {
        List<Candidate> found = List.of(candidate("5", 0.8, "deploys run at 5pm"));
        BotResponse blocked = responses.fromGemini(new GeminiReply(null, "SAFETY", "SAFETY"), query("when?", null), found, exchange);
        assertThat(blocked.mode()).isEqualTo(BotResponse.SOURCES_ONLY);
        assertThat(blocked.responseText()).contains("couldn't generate an answer this time (SAFETY)");
        BotResponse cut = responses.fromGemini(new GeminiReply("Fridays", null, "MAX_TOKENS"), query("when?", null), found, exchange);
        assertThat(cut.responseText()).endsWith("…(answer cut short)");
    }

    @Test
    void aQuestionHasOneResponseIdHoweverOftenItIsAnswered() {
        BotResponse first = responses.withoutSearch(query("", null), exchange);
        BotResponse again = responses.withoutSearch(query("", null), exchange);
        assertThat(first.responseId()).isEqualTo(again.responseId()).isEqualTo(BotResponse.idFor("q1"));
        assertThat(BotResponse.idFor("q2")).isNotEqualTo(first.responseId());
    }

    @Test
    void aDeadLetteredQuestionGetsAnErrorAnswerAndOtherRecordsNone() {
        String query = new routes.schema.WireFormat().write(query("when?", null));
        Apologies apologies = new Apologies(responses, new routes.schema.WireFormat());
        BotResponse apology = apologies.apologyFor("bot-queries", query, "bot-queries", exchange);
        assertThat(apology.mode()).isEqualTo(BotResponse.ERROR);
        assertThat(apology.queryId()).isEqualTo("q1");
        assertThat(apology.metadata()).containsEntry("origin", "discord").containsEntry("reply_channel_id", "thread-9");
        assertThat(apologies.apologyFor("discord-messages", query, "bot-queries", exchange)).isNull();
        assertThat(apologies.apologyFor("bot-queries", "{broken", "bot-queries", exchange)).isNull();
        // a question nobody asked (proactive) leaves nobody waiting: no apology
        String proactive = new routes.schema.WireFormat().write(proactive("when do deploys run?"));
        assertThat(apologies.apologyFor("bot-queries", proactive, "bot-queries", exchange)).isNull();
    }

    private static BotQuery proactive(String question) {
        return new BotQuery("q1", "m1", question, "ana", "7", "c1", "2025-11-02T12:34:56Z",
                Map.of("origin", "discord", BotQuery.TRIGGER, BotQuery.PROACTIVE), 1, "g1", null, null);
    }

    @Test
    void aProactiveAnswerSaysWhereItComesFromAndOneHeldBackSaysWhy() {
        BotResponse offered = responses.withoutGeneration(proactive("how do I get more chunks back?"),
                List.of(candidate("5", 0.99, "use similarity_top_k=5")), exchange);
        assertThat(offered.mode()).isEqualTo(BotResponse.SOURCES_ONLY);
        assertThat(offered.responseText()).startsWith("This may already be answered — from earlier in #help:\n\nAnswer generation");
        BotResponse held = responses.proactiveSkipped(proactive("how do I get more chunks back?"),
                List.of(candidate("5", 0.512, "use similarity_top_k=5")), exchange);
        assertThat(held.mode()).isEqualTo(BotResponse.PROACTIVE_SKIPPED);
        assertThat(held.responseText()).isEqualTo("Not answered: the best source scored 0.512, under rtfm.autoanswer.min-confidence.");
        assertThat(responses.withoutSearch(proactive(""), exchange).mode()).isEqualTo(BotResponse.PROACTIVE_SKIPPED);
        // asked by a member, the same sources carry no such label
        assertThat(responses.withoutGeneration(query("how do I get more chunks back?", null),
                List.of(candidate("5", 0.99, "use similarity_top_k=5")), exchange).responseText()).startsWith("Answer generation");
    }

    @Test
    void aReplayedQuestionsAnswerSaysItIsLateAndHasItsOwnId() {
        BotQuery replayed = new BotQuery("q1", "m1", "", "ana", "7", "c1", "2025-11-02T12:34:56Z",
                Map.of("origin", "discord", BotQuery.LATE_ANSWER, true), 1, "g1", null, null);
        BotResponse late = responses.withoutSearch(replayed, exchange);
        assertThat(late.responseText()).startsWith("(A late answer");
        assertThat(late.responseId()).isNotEqualTo(BotResponse.idFor("q1"))
                .isEqualTo(responses.withoutSearch(replayed, exchange).responseId());
        // answer-queries' idempotency key: the first answer's is the question's id, the late one's another
        AnswerKey key = new AnswerKey();
        assertThat(key.of(query("where?", null))).isEqualTo("q1");
        assertThat(key.of(replayed)).isNotEqualTo("q1").isEqualTo(key.of(replayed));
        assertThat(late.responseId()).isEqualTo(BotResponse.idFor(key.of(replayed)));
    }
}
