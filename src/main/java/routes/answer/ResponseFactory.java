package routes.answer;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.WireFormat;

/** Builds every kind of BotResponse the answer route can send back (their own words: AnswerText); the route counts them (RtfmMetrics.answered). */
public class ResponseFactory {

    /** The exchange variable counting the sources withheld from this answer's audience (AudienceFilter). */
    public static final String WITHHELD = "withheld";
    /** The exchange variable holding Gemini's token counts for this answer (its reply), read into the answer's metadata. */
    static final String PROMPT_TOKENS = "prompt_tokens";
    static final String OUTPUT_TOKENS = "output_tokens";
    static final String PROACTIVE_LABEL = "This may already be answered — from earlier in %s:\n\n";
    static final String LATE_PREFIX = "(A late answer: I could not answer this when it was asked.)\n\n";

    private final String triggerWord;
    private final int excerptChars;
    private final String model;
    private final AnswerKey keys = new AnswerKey();

    public ResponseFactory(String triggerWord, int excerptChars, String model) {
        this.triggerWord = triggerWord;
        this.excerptChars = excerptChars;
        this.model = model;
    }

    /** The answer to a question that {@link QuestionTriage#needsNoSearch}: a usage hint, or that there is nothing to search. */
    public BotResponse withoutSearch(@Variable("query") BotQuery query, Exchange exchange) {
        if (query.proactive()) {
            return build(query, exchange, BotResponse.PROACTIVE_SKIPPED, "Not answered: nothing to search for it.", List.of(), null);
        }
        String text = query.question().isBlank()
                ? "Ask me something after the trigger word, for example: " + triggerWord + " how do I configure the API endpoint?"
                : "I can't search any channel you have access to, so I have nothing to answer from.";
        return build(query, exchange, BotResponse.NO_MATCH, text, List.of(), null);
    }

    /**
     * A proactive question the ranking is not sure enough of (ProactiveGate): recorded on bot-responses for
     * the question log, with what was found, and never delivered.
     */
    public BotResponse proactiveSkipped(@Variable("query") BotQuery query, @Variable("candidates") List<Candidate> candidates,
                                        Exchange exchange) {
        String text = candidates.isEmpty() ? "Not answered: nothing in the history matched."
                : String.format(Locale.ROOT, "Not answered: the best source scored %.3f, under rtfm.autoanswer.min-confidence.",
                        candidates.get(0).score());
        return build(query, exchange, BotResponse.PROACTIVE_SKIPPED, text, candidates, null);
    }

    /** The answer when Gemini is not asked: no match, or (without a Gemini key) the sources themselves, labelled. */
    public BotResponse withoutGeneration(@Variable("query") BotQuery query, @Variable("candidates") List<Candidate> candidates,
                                         Exchange exchange) {
        if (candidates.isEmpty()) {
            return build(query, exchange, BotResponse.NO_MATCH,
                    "I couldn't find anything in this server's chat history about that. Try other words, "
                            + "or ask again once someone has discussed it.", List.of(), null);
        }
        return sourcesOnly(query, candidates, exchange,
                "Answer generation is not configured, so here are the messages that look most relevant:");
    }

    /** The answer when Gemini cannot be asked (its circuit breaker is open): the sources, saying why. */
    public BotResponse generationUnavailable(BotQuery query, List<Candidate> candidates, Exchange exchange) {
        return sourcesOnly(query, candidates, exchange,
                "Answer generation is unavailable right now (Gemini keeps failing), so here are the messages that look most relevant:");
    }

    /** Reads Gemini's reply; a blocked or empty one falls back to the sources, clearly labelled. */
    public BotResponse fromGemini(@Body GeminiReply reply, @Variable("query") BotQuery query,
                                  @Variable("candidates") List<Candidate> candidates, Exchange exchange) {
        if (reply.promptTokens() != null) {
            exchange.setVariable(PROMPT_TOKENS, reply.promptTokens());
        }
        if (reply.outputTokens() != null) {
            exchange.setVariable(OUTPUT_TOKENS, reply.outputTokens());
        }
        if (!reply.answered()) {
            return sourcesOnly(query, candidates, exchange,
                    "I couldn't generate an answer this time (" + reply.blockReason() + "), but these messages look relevant:");
        }
        String text = reply.text();
        if ("MAX_TOKENS".equals(reply.finishReason())) {
            text = text + " …(answer cut short)";
        }
        return build(query, exchange, BotResponse.GENERATED, text, candidates, model);
    }

    private BotResponse sourcesOnly(BotQuery query, List<Candidate> candidates, Exchange exchange, String intro) {
        return build(query, exchange, BotResponse.SOURCES_ONLY, AnswerText.sourcesList(intro, candidates, excerptChars), candidates, null);
    }

    /** The answer to a question that could not be answered (it is being dead-lettered): that it could not. */
    public BotResponse apology(BotQuery query, Exchange exchange) {
        return build(query, exchange, BotResponse.ERROR,
                "I can't answer that right now: something I depend on is failing. Please try again in a few minutes.", List.of(), null);
    }

    private BotResponse build(BotQuery query, Exchange exchange, String mode, String text, List<Candidate> candidates,
                              String modelUsed) {
        List<BotResponse.Source> sources = candidates.stream().map(c -> c.toSource(excerptChars)).toList();
        Integer withheld = exchange.getVariable(WITHHELD, Integer.class);
        if (withheld != null && withheld > 0) {
            text = text + "\n\n" + AnswerText.withheldNotice(withheld);
        }
        Map<String, Object> metadata = AnswerMetadata.of(query, exchange, sources.size(), withheld, candidates);
        if (query.proactive() && (BotResponse.GENERATED.equals(mode) || BotResponse.SOURCES_ONLY.equals(mode))) {
            // nobody asked: the answer says where it comes from, so it reads as an offer, not a reply
            String channel = candidates.isEmpty() || candidates.get(0).channelName() == null ? "this server"
                    : "#" + candidates.get(0).channelName();
            text = String.format(PROACTIVE_LABEL, channel) + text;
        }
        if (AnswerKey.isLate(query) && !BotResponse.ERROR.equals(mode)) {
            text = LATE_PREFIX + text;
        }
        return new BotResponse(
                BotResponse.idFor(keys.of(query)),
                query.queryId(),
                query.originalMessageId(),
                text,
                query.channelId(),
                Instant.now().toString(),
                metadata,
                WireFormat.SCHEMA_VERSION,
                mode,
                sources,
                modelUsed,
                System.currentTimeMillis() - exchange.getClock().getCreated());
    }
}
