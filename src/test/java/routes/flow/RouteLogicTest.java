package routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.RtfmConfiguration;
import routes.gateway.GatewayContext;
import routes.local.AskWaiters;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DeadLetter;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * routes.yaml as Camel Main runs it, with the real application.properties and beans, the Kafka
 * consumers replaced by direct endpoints and every Kafka write mocked: the decisions the routes make
 * (which message is a question, which answer mode, what goes to the dead-letter queue, which
 * headers reach Kafka). The real-broker, real-Chroma path is PipelineIT's.
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
            "camel.main.configuration-classes=routes.flow.RouteLogicTest$Beans,routes.flow.RouteLogicTest$Reliability,routes.AnswerConfiguration,routes.DiscordConfiguration,routes.PrivacyConfiguration,routes.BoundaryConfiguration"
        },
        replaceRouteFromWith = {
            "ingest-messages=direct:ingest-messages-source",
            "answer-queries=direct:answer-queries-source",
            "deliver-responses=direct:deliver-responses-source",
            "apply-opt-outs=direct:apply-opt-outs-source"
        },
        mockEndpointsAndSkip = "kafka:*")
class RouteLogicTest {

    private final WireFormat wire = new WireFormat();
    private static final ByteArrayOutputStream CONSOLE_OUT = new ByteArrayOutputStream();

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

    private ProducerTemplate template;

    @BeforeEach
    void producer() {
        template = context.createProducerTemplate();
    }

    @Test
    void everyMessageIsPublishedAndOnlyQuestionsBecomeQueries() throws Exception {
        messages.expectedMessageCount(3);
        messages.expectedHeaderValuesReceivedInAnyOrder("kafka.KEY", "1", "2", "3");
        queries.expectedMessageCount(1);

        GatewayContext gateway = new GatewayContext("console", List.of("general"), null, true, Map.of("reply_channel_id", "general"));
        for (DiscordMessage message : List.of(message("1", "the endpoint is /api/v1/data"), message("2", "RTFM what is the endpoint?"),
                message("3", "please rtfm first"))) {
            template.sendBodyAndHeader("direct:discord-in", message, GatewayContext.HEADER, gateway);
        }

        MockEndpoint.assertIsSatisfied(context);
        BotQuery query = wire.parseQuery(queries.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(query.question()).isEqualTo("what is the endpoint?");
        assertThat(query.originalMessageId()).isEqualTo("2");
        assertThat(query.visibleChannelIds()).containsExactly("general");
        assertThat(query.context()).containsEntry("origin", "console").containsEntry("reply_channel_id", "general");
        // what the gateway said travels inside the query, never as a Kafka record header
        assertThat(queries.getExchanges().get(0).getMessage().getHeaders()).containsKey(GatewayContext.HEADER);
        assertThat(crossingToKafka(queries.getExchanges().get(0))).isEmpty();
        assertThat(crossingToKafka(messages.getExchanges().get(1))).isEmpty();
        // keyed by channel and asker (user "1" in #general): a busy channel's askers spread over the partitions
        assertThat(queries.getExchanges().get(0).getMessage().getHeader("kafka.KEY")).isEqualTo("general:1");
    }

    @Test
    void anAskerOverTheLimitIsNotAskedFor() throws Exception {
        messages.expectedMessageCount(1);
        queries.expectedMessageCount(0);
        template.sendBodyAndHeader("direct:discord-in", message("4", "RTFM again?"), GatewayContext.HEADER,
                new GatewayContext("discord", List.of(), null, false, Map.of()));
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void aMessageThatCannotBeTakenInIsCountedAndTheGatewayHearsOfIt() {
        io.micrometer.core.instrument.MeterRegistry meters = context.getRegistry()
                .findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
        double before = failures(meters);
        // no content: the record breaks its schema and is never published
        DiscordMessage broken = new DiscordMessage("5", null, "u", "1", "general", "2025-11-02T12:34:56.789Z", Map.of(), 1, null,
                "local", "general", null, null, false, List.of(), null, null, null);
        org.apache.camel.Exchange done = template.send("direct:discord-in", exchange -> exchange.getMessage().setBody(broken));
        assertThat(done.getException()).hasMessageContaining("content");
        assertThat(messages.getReceivedCounter()).isZero();
        assertThat(failures(meters)).isEqualTo(before + 1);
    }

    private static double failures(io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Counter counter = meters.find("rtfm.intake.failures").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anEmptyQuestionGetsAUsageHint() throws Exception {
        double counted = answersCounted(BotResponse.NO_MATCH);
        long timed = latenciesTimed();
        responses.expectedMessageCount(1);
        template.sendBody("direct:answer-queries-source", wire.write(query("", null)));
        MockEndpoint.assertIsSatisfied(context);
        BotResponse response = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(response.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(response.responseText()).contains("RTFM how do I");
        assertThat(answersCounted(BotResponse.NO_MATCH)).as("rtfm_queries_total{mode=no_match}").isEqualTo(counted + 1);
        assertThat(latenciesTimed()).as("rtfm_answer_latency_seconds").isEqualTo(timed + 1);
    }

    private double answersCounted(String mode) {
        io.micrometer.core.instrument.Counter counter = context.getRegistry().lookupByNameAndType("rtfmMetrics", routes.metrics.RtfmMetrics.class)
                .registry().find("rtfm.queries").tag("mode", mode).counter();
        return counter == null ? 0 : counter.count();
    }

    private long latenciesTimed() {
        io.micrometer.core.instrument.Timer timer = context.getRegistry().lookupByNameAndType("rtfmMetrics", routes.metrics.RtfmMetrics.class)
                .registry().find("rtfm.answer.latency").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void anAskerWhoCanReadNoChannelGetsNoMatchWithoutASearch() throws Exception {
        responses.expectedMessageCount(1);
        // Chroma at 127.0.0.1:1 would fail the record: an answer proves no search was made
        template.sendBody("direct:answer-queries-source", wire.write(query("where are the docs?", List.of())));
        MockEndpoint.assertIsSatisfied(context);
        BotResponse response = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(response.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(response.sources()).isEmpty();
        assertThat(response.responseText()).contains("can't search any channel");
    }

    @Test
    void recordsThatDoNotParseGoStraightToTheDeadLetterQueueWithTheirKafkaCoordinates() throws Exception {
        deadLetters.expectedMessageCount(2);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ingest-messages").whenDone(1).create();

        // one poll's batch: each record that cannot be read is dead-lettered alone, with its own reason
        template.sendBody("direct:ingest-messages-source", List.of(
                record("{broken", Map.of("kafka.TOPIC", "discord-messages", "kafka.PARTITION", 2, "kafka.OFFSET", 41L, "kafka.KEY", "k1")),
                record("{\"message_id\": \"9\"}", Map.of("kafka.TOPIC", "discord-messages", "kafka.PARTITION", 0, "kafka.OFFSET", 7L,
                        "kafka.KEY", "9"))));

        assertThat(done.matchesWaitTime()).isTrue();
        MockEndpoint.assertIsSatisfied(context);
        DeadLetter first = wire.parseDeadLetter(deadLetters.getExchanges().get(0).getMessage().getBody(String.class));
        DeadLetter second = wire.parseDeadLetter(deadLetters.getExchanges().get(1).getMessage().getBody(String.class));
        assertThat(first.error()).contains("not valid JSON");
        assertThat(first.message()).isEqualTo("{broken");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.originalTopic()).isEqualTo("discord-messages");
        assertThat(first.partition()).isEqualTo(2);
        assertThat(first.offset()).isEqualTo(41L);
        assertThat(first.key()).isEqualTo("k1");
        assertThat(crossingToKafka(deadLetters.getExchanges().get(0))).isEmpty();
        assertThat(second.error()).contains("content");
        assertThat(second.attempts()).isEqualTo(1);
    }

    @Test
    void aChromaThatDoesNotAnswerIsWaitedOutByIngestButAQuestionIsDeadLetteredAndAnswered() throws Exception {
        deadLetters.expectedMessageCount(2);
        responses.expectedMessageCount(2);
        double apologiesCounted = answersCounted(BotResponse.ERROR);
        long timed = latenciesTimed();
        // ingest: rtfm.retry.max-redeliveries (5) retries, then the record goes back to its consumer, which polls it again
        org.apache.camel.Exchange ingest = template.send("direct:ingest-messages-source", exchange -> exchange.getMessage().setBody(
                List.of(record(wire.write(message("10", "deploys run at 5pm")), Map.of("kafka.TOPIC", "discord-messages",
                        "kafka.PARTITION", 1, "kafka.OFFSET", 3L, "kafka.KEY", "10")))));
        assertThat(ingest.getException()).as("handed back to Kafka, not dead-lettered").isNotNull();
        assertThat(ingest.getProperty(routes.kafka.DeadLetters.REDELIVERIES, Integer.class)).isEqualTo(5);

        // a question cannot wait: after the same retries it is dead-lettered, and its asker gets an error answer
        BotQuery query = new BotQuery("q-down", "m-down", "when do deploys run?", "u", "1", "general", java.time.Instant.now().toString(),
                Map.of("origin", "console"), 1, "local", List.of("general"), null);
        template.sendBodyAndHeaders("direct:answer-queries-source", wire.write(query),
                Map.of("kafka.TOPIC", "bot-queries", "kafka.PARTITION", 0, "kafka.OFFSET", 7L, "kafka.KEY", "general"));
        // asked longer ago than rtfm.answer.deadline-ms: no retry could answer it in time, so it is told at once
        BotQuery stale = new BotQuery("q-stale", "m-stale", "when do deploys run?", "u", "1", "general", "2025-11-02T12:34:56.789Z",
                Map.of("origin", "console"), 1, "local", List.of("general"), null);
        template.sendBodyAndHeaders("direct:answer-queries-source", wire.write(stale),
                Map.of("kafka.TOPIC", "bot-queries", "kafka.PARTITION", 0, "kafka.OFFSET", 8L, "kafka.KEY", "general"));
        MockEndpoint.assertIsSatisfied(context);
        DeadLetter staleLetter = wire.parseDeadLetter(deadLetters.getExchanges().get(1).getMessage().getBody(String.class));
        assertThat(staleLetter.attempts()).isEqualTo(1);
        DeadLetter letter = wire.parseDeadLetter(deadLetters.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(letter.attempts()).isEqualTo(6);
        assertThat(letter.originalTopic()).isEqualTo("bot-queries");
        BotResponse apology = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(apology.mode()).isEqualTo(BotResponse.ERROR);
        assertThat(apology.queryId()).isEqualTo("q-down");
        assertThat(answersCounted(BotResponse.ERROR)).as("both apologies counted").isEqualTo(apologiesCounted + 2);
        assertThat(latenciesTimed()).as("each from its question's timestamp").isEqualTo(timed + 2);
    }

    @Test
    void answersGoBackToTheGatewayThatAsked() throws Exception {
        BotResponse forConsole = response("q-console", "console", "Deploys run on Fridays [1].");
        BotResponse forHttp = response("q-http", "http", "Use similarity_top_k [1].");
        BotQuery waiting = new BotQuery("q-http", "m", "how?", "u", "1", "general", "2025-11-02T12:34:56.789Z",
                Map.of("origin", "http"), 1, "local", null, null);
        AskWaiters askWaiters = context.getRegistry().lookupByNameAndType("askWaiters", AskWaiters.class);
        askWaiters.register(waiting);
        // a proactive question held back is for the question log: the console that it names prints nothing of it
        BotResponse held = new BotResponse("r-q-held", "q-held", "m", "Not answered: the best source scored 0.512, under ...", "general",
                "2025-11-02T12:34:57Z", Map.of("origin", "console"), 1, BotResponse.PROACTIVE_SKIPPED, List.of(), null, 10L);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("deliver-responses").whenDone(3).create();

        template.sendBody("direct:deliver-responses-source", wire.write(held));
        template.sendBody("direct:deliver-responses-source", wire.write(forConsole));
        template.sendBody("direct:deliver-responses-source", wire.write(forHttp));

        assertThat(done.matchesWaitTime()).isTrue();
        assertThat(CONSOLE_OUT.toString(StandardCharsets.UTF_8))
                .contains("RTFM [generated]: Deploys run on Fridays [1].").contains("Sources:").contains("[1] ana: deploys are on fridays")
                .doesNotContain("similarity_top_k").doesNotContain("Not answered").doesNotContain("proactive_skipped");
        assertThat(askWaiters.await(waiting).responseText()).isEqualTo("Use similarity_top_k [1].");
    }

    /** The headers the Kafka component would write as record headers, through its configured filter. */
    private List<String> crossingToKafka(org.apache.camel.Exchange exchange) {
        org.apache.camel.spi.HeaderFilterStrategy filter = context.getComponent("kafka",
                org.apache.camel.component.kafka.KafkaComponent.class).getConfiguration().getHeaderFilterStrategy();
        return exchange.getMessage().getHeaders().entrySet().stream()
                .filter(header -> !filter.applyFilterToCamelHeaders(header.getKey(), header.getValue(), exchange))
                .map(Map.Entry::getKey).toList();
    }

    private static DiscordMessage message(String id, String content) {
        return new DiscordMessage(id, content, "u", "1", "general", "2025-11-02T12:34:56.789Z", Map.of(), 1, null, "local",
                "general", null, null, false, List.of(), null, null, null);
    }

    private static BotResponse response(String queryId, String origin, String text) {
        return new BotResponse("r-" + queryId, queryId, "m", text, "general", "2025-11-02T12:34:57Z",
                Map.of("origin", origin, "sources_count", 1), 1, BotResponse.GENERATED,
                List.of(new BotResponse.Source("5", "general", "ana", "https://discord.com/channels/local/general/5", 0.8,
                        "deploys are on fridays")), "gemini-2.5-flash", 900L);
    }

    private static BotQuery query(String question, List<String> visible) {
        return new BotQuery("q1", "m", question, "u", "1", "general", "2025-11-02T12:34:56.789Z", Map.of(), 1, "local", visible, null);
    }

    /** A polled record as camel-kafka's batching consumer hands it over: an exchange of its own in the batch's list. */
    private org.apache.camel.Exchange record(String value, Map<String, Object> coordinates) {
        org.apache.camel.Exchange record = new org.apache.camel.support.DefaultExchange(context);
        record.getMessage().setBody(value);
        record.getMessage().setHeaders(new java.util.HashMap<>(coordinates));
        return record;
    }
}
