package routes;

import java.io.PrintStream;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.kafka.KafkaComponent;
import routes.chroma.ChromaCollection;
import routes.chroma.ChromaRequests;
import routes.discord.DiscordReplies;
import routes.discord.QuestionDetector;
import routes.embedding.ConversationContext;
import routes.embedding.ConversationEmbedder;
import routes.embedding.ConversationLookups;
import routes.embedding.MessageEmbedder;
import routes.gateway.ResponseDelivery;
import routes.ingest.BatchRequests;
import routes.kafka.KafkaClientSettings;
import routes.local.AskWaiters;
import routes.local.ConsoleGateway;
import routes.local.ApiExposure;
import routes.local.HttpApi;
import routes.local.HttpMessageIntake;
import routes.privacy.OptOutList;
import routes.schema.RecordKeys;
import routes.schema.WireFormat;

/**
 * The beans routes.yaml and the kamelets call by name, built from their properties and the beans
 * they need. Lazy: a bean is made on first lookup, so the order of the methods does not matter.
 */
public class RtfmConfiguration implements CamelConfiguration {

    /**
     * One source of Kafka security settings (rtfm.kafka.client.*) for every client: the kafka
     * component's consumers and producers get them as additional properties, the other clients
     * (topic admin, opt-out list, idempotent repository, lag gauges) from the kafkaClients bean.
     */
    @Override
    public void configure(CamelContext context) {
        KafkaClientSettings kafka = KafkaClientSettings.from(key -> context.getPropertiesComponent().resolveProperty(key).orElse(null));
        context.getRegistry().bind("kafkaClients", kafka);
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().getAdditionalProperties().putAll(kafka.security());
    }

    @BindToRegistry(lazy = true)
    public WireFormat wireFormat(@PropertyInject("rtfm.max-record-bytes") int maxRecordBytes) {
        return new WireFormat(maxRecordBytes);
    }

    @BindToRegistry(lazy = true)
    public RecordKeys recordKeys() {
        return new RecordKeys();
    }

    @BindToRegistry(lazy = true)
    public MessageEmbedder embedder() {
        return new MessageEmbedder();
    }

    @BindToRegistry(lazy = true)
    public ChromaCollection chromaCollection(@PropertyInject("rtfm.chroma.url") String url,
                                             @PropertyInject("rtfm.chroma.tenant") String tenant,
                                             @PropertyInject("rtfm.chroma.database") String database,
                                             @PropertyInject("rtfm.chroma.collection") String collection,
                                             @PropertyInject(value = "rtfm.chroma.auth-token", defaultValue = "") String authToken) {
        ChromaCollection chroma = new ChromaCollection(url, tenant, database, collection, MessageEmbedder.MODEL_NAME, MessageEmbedder.DIMENSION);
        chroma.setAuthToken(authToken);
        return chroma;
    }

    @BindToRegistry(lazy = true)
    public BatchRequests batchRequests() {
        return new BatchRequests();
    }

    @BindToRegistry(lazy = true)
    public ChromaRequests chromaRequests(@PropertyInject("rtfm.retrieval.candidates") int candidates) {
        return new ChromaRequests(candidates);
    }

    @BindToRegistry(lazy = true)
    public ConversationContext conversationContext(@PropertyInject("rtfm.retrieval.conversation-context") boolean enabled,
                                                   @BeanInject("optOuts") OptOutList optOuts) {
        return new ConversationContext(enabled, optOuts);
    }

    @BindToRegistry(lazy = true)
    public ConversationLookups conversationLookups(@BeanInject("conversationContext") ConversationContext context,
                                                   @BeanInject("chromaRequests") ChromaRequests requests) {
        return new ConversationLookups(context, requests);
    }

    @BindToRegistry(lazy = true)
    public ConversationEmbedder conversation(@BeanInject("embedder") MessageEmbedder embedder,
                                             @BeanInject("chromaRequests") ChromaRequests requests,
                                             @BeanInject("conversationContext") ConversationContext context) {
        return new ConversationEmbedder(embedder, requests, context);
    }

    @BindToRegistry(lazy = true)
    public QuestionDetector questions(@PropertyInject("rtfm.trigger-word") String triggerWord) {
        return new QuestionDetector(triggerWord);
    }

    @BindToRegistry(lazy = true)
    public ConsoleGateway console(@PropertyInject("rtfm.local.guild-id") String guild,
                                  @PropertyInject("rtfm.local.channel-id") String channel,
                                  @PropertyInject("rtfm.local.channel-name") String channelName,
                                  @PropertyInject("rtfm.local.user-id") String userId,
                                  @PropertyInject("rtfm.local.username") String username) {
        return new ConsoleGateway(guild, channel, channelName, userId, username, consoleOut());
    }

    /** Where the console prints its answers: standard output (a test reads them elsewhere). */
    protected PrintStream consoleOut() {
        return System.out;
    }

    @BindToRegistry(lazy = true)
    public AskWaiters askWaiters(@PropertyInject("rtfm.ask.timeout-ms") long timeoutMs) {
        return new AskWaiters(timeoutMs);
    }

    @BindToRegistry(lazy = true)
    public HttpApi httpApi(@BeanInject("wireFormat") WireFormat wireFormat,
                           @PropertyInject("rtfm.http.host") String host,
                           @PropertyInject(value = "rtfm.http.api-token", defaultValue = "") String token,
                           @PropertyInject("rtfm.local.guild-id") String guild,
                           @PropertyInject("rtfm.local.channel-id") String channel,
                           @PropertyInject("rtfm.local.user-id") String userId,
                           @PropertyInject("rtfm.local.username") String username,
                           @PropertyInject(value = "rtfm.discord.token", defaultValue = "") String discordToken,
                           @PropertyInject("rtfm.http.message-intake") boolean messageIntake) {
        ApiExposure exposure = new ApiExposure(host, token, !discordToken.isBlank(), messageIntake);
        return new HttpApi(wireFormat, exposure, guild, channel, userId, username);
    }

    @BindToRegistry(lazy = true)
    public HttpMessageIntake messageIntake(@BeanInject("wireFormat") WireFormat wireFormat, @BeanInject("httpApi") HttpApi api) {
        return new HttpMessageIntake(wireFormat, api.exposure());
    }

    /** Answers go back through the gateway their question came from. */
    @BindToRegistry(lazy = true, beanPostProcess = true)
    public ResponseDelivery gateways() {
        return new ResponseDelivery(Map.of(ConsoleGateway.ORIGIN, "console", HttpApi.ORIGIN, "askWaiters",
                DiscordReplies.ORIGIN, "discordReplies"));
    }
}
