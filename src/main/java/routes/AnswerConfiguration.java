package routes;

import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import routes.answer.AnswerKey;
import routes.answer.AnswerRanker;
import routes.answer.Apologies;
import routes.answer.AudienceFilter;
import routes.answer.CandidateSelector;
import routes.answer.GeminiFallback;
import routes.answer.HelperRecord;
import routes.answer.ProactiveGate;
import routes.answer.QuestionTriage;
import routes.answer.ResponseFactory;
import routes.background.PeriodicTask;
import routes.chroma.ChromaCollection;
import routes.gemini.GeminiClient;
import routes.metrics.RtfmMetrics;
import routes.schema.WireFormat;

/**
 * The beans of the answer path (answer-queries, and the dead-letter route's apology): from the
 * search's candidates to the BotResponse, each built from its properties. Lazy, like RtfmConfiguration's.
 */
public class AnswerConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public CandidateSelector candidateSelector(@PropertyInject("rtfm.retrieval.min-similarity") double minSimilarity,
                                               @PropertyInject("rtfm.retrieval.lexical-weight") double lexicalWeight) {
        return new CandidateSelector(minSimilarity, lexicalWeight);
    }

    @BindToRegistry(lazy = true)
    public AnswerRanker answerRanker(@PropertyInject("rtfm.retrieval.max-sources") int maxSources,
                                     @PropertyInject("rtfm.retrieval.answer-links") boolean answerLinks,
                                     @PropertyInject("rtfm.retrieval.answer-roots") int roots,
                                     @PropertyInject("rtfm.retrieval.answer-bonus") double bonus,
                                     @PropertyInject("rtfm.retrieval.solution-bonus") double solutionBonus,
                                     @PropertyInject("rtfm.retrieval.follow-window") int followWindow,
                                     @BeanInject("helperRecord") HelperRecord helpers,
                                     @PropertyInject("rtfm.retrieval.helper-weight") double helperWeight,
                                     @PropertyInject("rtfm.retrieval.mention-window") int mentionWindow) {
        return new AnswerRanker(maxSources, answerLinks, roots, bonus, solutionBonus, followWindow).helpers(helpers, helperWeight)
                .mentionWindow(mentionWindow);
    }

    @BindToRegistry(lazy = true)
    public HelperRecord helperRecord() {
        return new HelperRecord();
    }

    /** Counts the helper record again every rtfm.retrieval.helper-refresh minutes; started by RtfmLifecycle where answers are made. */
    @BindToRegistry(lazy = true)
    public PeriodicTask helperRecount(@BeanInject("helperRecord") HelperRecord helpers,
                                      @BeanInject("chromaCollection") ChromaCollection collection,
                                      @PropertyInject("rtfm.retrieval.helper-refresh") int minutes) {
        return new PeriodicTask("helper-record", Duration.ofMinutes(minutes), () -> helpers.recount(collection));
    }

    @BindToRegistry(lazy = true)
    public AudienceFilter audience() {
        return new AudienceFilter();
    }

    @BindToRegistry(lazy = true)
    public GeminiClient gemini(@PropertyInject(value = "rtfm.gemini.api-key", defaultValue = "") String apiKey,
                               @PropertyInject("rtfm.gemini.temperature") double temperature,
                               @PropertyInject("rtfm.gemini.max-output-tokens") int maxOutputTokens,
                               @BeanInject("rtfmMetrics") RtfmMetrics metrics) {
        return new GeminiClient(apiKey, temperature, maxOutputTokens, metrics);
    }

    @BindToRegistry(lazy = true)
    public ResponseFactory responses(@PropertyInject("rtfm.trigger-word") String triggerWord,
                                     @PropertyInject("rtfm.retrieval.excerpt-chars") int excerptChars,
                                     @PropertyInject("rtfm.gemini.model") String model) {
        return new ResponseFactory(triggerWord, excerptChars, model);
    }

    /** answer-queries' idempotency key: the question's id (a late answer's differs). */
    @BindToRegistry(lazy = true)
    public AnswerKey answerKey() {
        return new AnswerKey();
    }

    @BindToRegistry(lazy = true)
    public ProactiveGate proactiveGate(@PropertyInject("rtfm.autoanswer.min-confidence") double minConfidence) {
        return new ProactiveGate(minConfidence);
    }

    @BindToRegistry(lazy = true)
    public QuestionTriage questionTriage() {
        return new QuestionTriage();
    }

    /** error-handling.yaml's dead-letter route: an error answer for a question it dead-letters. */
    @BindToRegistry(lazy = true)
    public Apologies apologies(@BeanInject("responses") ResponseFactory responses,
                                            @BeanInject("wireFormat") WireFormat wireFormat) {
        return new Apologies(responses, wireFormat);
    }

    @BindToRegistry(lazy = true)
    public GeminiFallback geminiFallback(@BeanInject("responses") ResponseFactory responses, @BeanInject("rtfmMetrics") RtfmMetrics metrics) {
        return new GeminiFallback(responses, metrics);
    }
}
