package routes;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import routes.answer.CandidateSelector;
import routes.answer.ResponseFactory;
import routes.chroma.ChromaCollection;
import routes.chroma.ChromaRequests;
import routes.discord.QuestionDetector;
import routes.embedding.ConversationEmbedder;
import routes.embedding.MessageEmbedder;
import routes.gemini.GeminiClient;
import routes.kafka.DeadLetters;
import routes.local.AskWaiters;
import routes.local.ConsoleGateway;
import routes.local.HttpApi;
import routes.schema.WireFormat;

/** The beans routes.yaml calls by name, each built from its properties. */
public class RtfmConfiguration implements CamelConfiguration {

    @BindToRegistry
    public WireFormat wireFormat() {
        return new WireFormat();
    }

    // one model instance for every bean that embeds
    private final MessageEmbedder embedder = new MessageEmbedder();

    @BindToRegistry
    public MessageEmbedder embedder() {
        return embedder;
    }

    @BindToRegistry
    public ChromaCollection chromaCollection(@PropertyInject("rtfm.chroma.url") String url,
                                             @PropertyInject("rtfm.chroma.tenant") String tenant,
                                             @PropertyInject("rtfm.chroma.database") String database,
                                             @PropertyInject("rtfm.chroma.collection") String collection) {
        return new ChromaCollection(url, tenant, database, collection, MessageEmbedder.MODEL_NAME, MessageEmbedder.DIMENSION);
    }

    @BindToRegistry
    public ChromaRequests chromaRequests(@PropertyInject("rtfm.retrieval.candidates") int candidates) {
        return new ChromaRequests(candidates);
    }

    @BindToRegistry
    public CandidateSelector candidateSelector(@PropertyInject("rtfm.retrieval.min-similarity") double minSimilarity,
                                               @PropertyInject("rtfm.retrieval.max-sources") int maxSources,
                                               @PropertyInject("rtfm.retrieval.lexical-weight") double lexicalWeight) {
        return new CandidateSelector(minSimilarity, maxSources, lexicalWeight);
    }

    @BindToRegistry
    public ConversationEmbedder conversation(@PropertyInject("rtfm.retrieval.conversation-context") boolean enabled,
                                             @PropertyInject("rtfm.chroma.url") String url,
                                             @PropertyInject("rtfm.chroma.tenant") String tenant,
                                             @PropertyInject("rtfm.chroma.database") String database,
                                             @PropertyInject("rtfm.chroma.collection") String collection,
                                             @PropertyInject("rtfm.retrieval.candidates") int candidates) {
        // the same collection the routes write to: ChromaCollection instances share no state but its name
        return new ConversationEmbedder(embedder, chromaCollection(url, tenant, database, collection), chromaRequests(candidates), enabled);
    }

    @BindToRegistry
    public GeminiClient gemini(@PropertyInject("rtfm.gemini.api-key") String apiKey,
                               @PropertyInject("rtfm.gemini.model") String model,
                               @PropertyInject("rtfm.gemini.temperature") double temperature,
                               @PropertyInject("rtfm.gemini.max-output-tokens") int maxOutputTokens) {
        return new GeminiClient(apiKey, model, temperature, maxOutputTokens);
    }

    @BindToRegistry
    public ResponseFactory responses(@PropertyInject("rtfm.trigger-word") String triggerWord,
                                     @PropertyInject("rtfm.retrieval.excerpt-chars") int excerptChars,
                                     @PropertyInject("rtfm.gemini.model") String model) {
        return new ResponseFactory(triggerWord, excerptChars, model);
    }

    private QuestionDetector questions;

    @BindToRegistry
    public synchronized QuestionDetector questions(@PropertyInject("rtfm.trigger-word") String triggerWord) {
        // one detector: the Discord gateway teaches it the bot's mention
        if (questions == null) {
            questions = new QuestionDetector(triggerWord);
        }
        return questions;
    }

    @BindToRegistry
    public routes.discord.DiscordGateway discord(@PropertyInject(value = "rtfm.discord.token", defaultValue = "") String token,
                                                 @PropertyInject("rtfm.discord.api-base-url") String apiBaseUrl,
                                                 @PropertyInject("rtfm.discord.gateway-url") String gatewayUrl,
                                                 @PropertyInject("rtfm.discord.compression") String compression,
                                                 @PropertyInject("rtfm.discord.questions-per-minute") int perMinute,
                                                 @PropertyInject("rtfm.trigger-word") String triggerWord) {
        return new routes.discord.DiscordGateway(token, apiBaseUrl, gatewayUrl, compression, questions(triggerWord),
                new routes.discord.QuestionLimiter(perMinute, System::currentTimeMillis));
    }

    @BindToRegistry
    public DeadLetters deadLetters() {
        return new DeadLetters(new WireFormat());
    }

    @BindToRegistry
    public routes.errors.TransientHttpFailure transientHttpFailure() {
        return new routes.errors.TransientHttpFailure();
    }

    @BindToRegistry
    public org.apache.camel.Processor countRedelivery() {
        return DeadLetters.COUNT_REDELIVERY;
    }

    @BindToRegistry
    public ConsoleGateway console(@PropertyInject("rtfm.local.guild-id") String guild,
                                  @PropertyInject("rtfm.local.channel-id") String channel,
                                  @PropertyInject("rtfm.local.channel-name") String channelName,
                                  @PropertyInject("rtfm.local.user-id") String userId,
                                  @PropertyInject("rtfm.local.username") String username) {
        return new ConsoleGateway(guild, channel, channelName, userId, username, System.out);
    }

    @BindToRegistry
    public AskWaiters askWaiters(@PropertyInject("rtfm.ask.timeout-ms") long timeoutMs) {
        return new AskWaiters(timeoutMs);
    }

    @BindToRegistry
    public HttpApi httpApi(@PropertyInject("rtfm.http.host") String host,
                           @PropertyInject(value = "rtfm.http.api-token", defaultValue = "") String token,
                           @PropertyInject("rtfm.local.guild-id") String guild,
                           @PropertyInject("rtfm.local.channel-id") String channel,
                           @PropertyInject("rtfm.local.user-id") String userId,
                           @PropertyInject("rtfm.local.username") String username) {
        return new HttpApi(host, token, guild, channel, userId, username);
    }
}
