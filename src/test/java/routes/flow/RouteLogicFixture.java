package routes.flow;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.PropertyInject;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import routes.RtfmConfiguration;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * routes.yaml as Camel Main runs it, with the real application.properties and beans, the Kafka
 * consumers replaced by direct endpoints and every Kafka write mocked: the decisions the routes make
 * (which message is a question, which answer mode, what goes to the dead-letter queue, which
 * headers reach Kafka), tested by GatewayRoutesTest and ProcessorRoutesTest. The real-broker,
 * real-Chroma path is PipelineIT's.
 */
@CamelMainTest(
        properties = {
            "rtfm.kafka.bootstrap-servers=127.0.0.1:1",
            "rtfm.chroma.url=http://127.0.0.1:1",
            "rtfm.processor.enabled=true",
            "rtfm.bot.enabled=true",
            "rtfm.console.active=false",
            "rtfm.api.active=false",
            "rtfm.log.active=false",
            "rtfm.dashboard.active=false",
            "rtfm.retry.initial-delay-ms=1",
            "camel.server.enabled=false",
            "camel.management.enabled=false",
            "camel.main.configuration-classes=routes.flow.RouteLogicFixture$Beans,routes.flow.RouteLogicFixture$Reliability,routes.AnswerConfiguration,routes.DiscordConfiguration,routes.PrivacyConfiguration,routes.BoundaryConfiguration"
        },
        replaceRouteFromWith = {
            "ingest-messages=direct:ingest-messages-source",
            "answer-queries=direct:answer-queries-source",
            "deliver-responses=direct:deliver-responses-source",
            "apply-opt-outs=direct:apply-opt-outs-source"
        },
        mockEndpointsAndSkip = "kafka:*")
abstract class RouteLogicFixture {

    final WireFormat wire = new WireFormat();
    static final ByteArrayOutputStream CONSOLE_OUT = new ByteArrayOutputStream();

    /** Delivered answers kept in memory: no broker here. */
    public static class Reliability extends routes.ReliabilityConfiguration {
        @Override
        @BindToRegistry(lazy = true)
        public org.apache.camel.spi.IdempotentRepository deliveredAnswers(@PropertyInject("rtfm.topics.idempotency.name") String topic,
                @BeanInject("kafkaClients") routes.kafka.KafkaClientSettings kafka, @PropertyInject("rtfm.idempotency.cache-size") int size) {
            return new org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository();
        }

        @Override
        @BindToRegistry(lazy = true)
        public org.apache.camel.spi.IdempotentRepository answeredQueries(@PropertyInject("rtfm.topics.idempotency.name") String topic,
                @BeanInject("kafkaClients") routes.kafka.KafkaClientSettings kafka, @PropertyInject("rtfm.idempotency.cache-size") int size) {
            return new org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository();
        }
    }

    /** The production beans, with the console printing where the test can read it. */
    public static class Beans extends RtfmConfiguration {

        @Override
        protected PrintStream consoleOut() {
            return new PrintStream(CONSOLE_OUT, true, StandardCharsets.UTF_8);
        }
    }

    @BeanInject
    CamelContext context;

    @EndpointInject("mock:kafka:discord-messages")
    MockEndpoint messages;

    @EndpointInject("mock:kafka:bot-queries")
    MockEndpoint queries;

    @EndpointInject("mock:kafka:bot-responses")
    MockEndpoint responses;

    @EndpointInject("mock:kafka:dead-letter-queue")
    MockEndpoint deadLetters;

    ProducerTemplate template;

    @BeforeEach
    void producer() {
        template = context.createProducerTemplate();
    }

    /** The headers the Kafka component would write as record headers, through its configured filter. */
    List<String> crossingToKafka(org.apache.camel.Exchange exchange) {
        org.apache.camel.spi.HeaderFilterStrategy filter = context.getComponent("kafka",
                org.apache.camel.component.kafka.KafkaComponent.class).getConfiguration().getHeaderFilterStrategy();
        return exchange.getMessage().getHeaders().entrySet().stream()
                .filter(header -> !filter.applyFilterToCamelHeaders(header.getKey(), header.getValue(), exchange))
                .map(Map.Entry::getKey).toList();
    }

    static DiscordMessage message(String id, String content) {
        return new DiscordMessage(id, content, "u", "1", "general", "2025-11-02T12:34:56.789Z", Map.of(), 1, null, "local",
                "general", null, null, false, List.of(), null, null, null);
    }

    static BotResponse response(String queryId, String origin, String text) {
        return new BotResponse("r-" + queryId, queryId, "m", text, "general", "2025-11-02T12:34:57Z",
                Map.of("origin", origin, "sources_count", 1), 1, BotResponse.GENERATED,
                List.of(new BotResponse.Source("5", "general", "ana", "https://discord.com/channels/local/general/5", 0.8,
                        "deploys are on fridays")), "gemini-2.5-flash", 900L);
    }

    static BotQuery query(String question, List<String> visible) {
        return new BotQuery("q1", "m", question, "u", "1", "general", "2025-11-02T12:34:56.789Z", Map.of(), 1, "local", visible, null);
    }

    /** A polled record as camel-kafka's batching consumer hands it over: an exchange of its own in the batch's list. */
    org.apache.camel.Exchange record(String value, Map<String, Object> coordinates) {
        org.apache.camel.Exchange record = new org.apache.camel.support.DefaultExchange(context);
        record.getMessage().setBody(value);
        record.getMessage().setHeaders(new java.util.HashMap<>(coordinates));
        return record;
    }
}
