package routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import routes.RtfmConfiguration;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * The routes of routes.yaml with their Kafka endpoints advised into mocks: the decisions the routes
 * make (which message is a question, which answer mode, what goes to the dead-letter queue).
 * The real-broker, real-Chroma path is PipelineIT's.
 */
class RouteLogicTest extends CamelTestSupport {

    private final WireFormat wire = new WireFormat();
    private final java.io.ByteArrayOutputStream consoleOut = new java.io.ByteArrayOutputStream();
    private final routes.local.AskWaiters askWaiters = new routes.local.AskWaiters(5000);

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties props = new Properties();
        props.setProperty("rtfm.kafka.bootstrap-servers", "127.0.0.1:1");
        props.setProperty("rtfm.chroma.url", "http://127.0.0.1:1");
        props.setProperty("rtfm.processor.enabled", "true");
        props.setProperty("rtfm.bot.enabled", "true");
        props.setProperty("rtfm.console.active", "false");
        props.setProperty("rtfm.api.active", "false");
        props.setProperty("rtfm.retry.initial-delay-ms", "1");
        return props;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        // endpoints need a broker address to be created; every send to Kafka is advised into a mock
        context.getComponent("kafka", org.apache.camel.component.kafka.KafkaComponent.class)
                .getConfiguration().setBrokers("127.0.0.1:1");
        return context;
    }

    @Override
    protected void doPostSetup() throws Exception {
        bindBeans();
        PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource("classpath:routes.yaml"));
        for (String route : List.of("ingest-messages", "answer-queries", "deliver-responses")) {
            AdviceWith.adviceWith(context, route, advice -> advice.replaceFromWith("direct:" + route + "-source"));
        }
        for (String route : List.of("discord-in", "answer-queries", "dead-letter")) {
            AdviceWith.adviceWith(context, route, advice -> advice.mockEndpointsAndSkip("kafka:*"));
        }
        context.start();
    }

    private void bindBeans() throws Exception {
        RtfmConfiguration beans = new RtfmConfiguration();
        var registry = context.getRegistry();
        registry.bind("wireFormat", beans.wireFormat());
        registry.bind("embedder", beans.embedder());
        registry.bind("chromaCollection", beans.chromaCollection("http://127.0.0.1:1", "t", "d", "c"));
        registry.bind("chromaRequests", beans.chromaRequests(10));
        registry.bind("candidateSelector", beans.candidateSelector(0.3, 5, 0.2));
        registry.bind("conversation", beans.conversation(true, "http://127.0.0.1:1", "t", "d", "c", 10));
        registry.bind("gemini", beans.gemini("", "gemini-2.5-flash", 0.2, 1024));
        registry.bind("responses", beans.responses("RTFM", 500, "gemini-2.5-flash"));
        registry.bind("questions", beans.questions("RTFM"));
        registry.bind("deadLetters", beans.deadLetters());
        registry.bind("countRedelivery", beans.countRedelivery());
        registry.bind("transientHttpFailure", beans.transientHttpFailure());
        registry.bind("console", new routes.local.ConsoleGateway("local", "general", "general", "u", "u",
                new java.io.PrintStream(consoleOut, true, java.nio.charset.StandardCharsets.UTF_8)));
        registry.bind("askWaiters", askWaiters);
        registry.bind("discord", beans.discord("", "http://127.0.0.1:1/api/v10/", "ws://127.0.0.1:1/", "none", 5, "RTFM"));
        registry.bind("httpApi", beans.httpApi("127.0.0.1", "", "local", "general", "u", "u"));
    }

    private static DiscordMessage message(String id, String content) {
        return new DiscordMessage(id, content, "u", "1", "general", "2025-11-02T12:34:56.789Z", Map.of(), 1, null, "local",
                "general", null, null, false, List.of(), null, null);
    }

    @Test
    void everyMessageIsPublishedAndOnlyQuestionsBecomeQueries() throws Exception {
        MockEndpoint messages = getMockEndpoint("mock:kafka:discord-messages");
        MockEndpoint queries = getMockEndpoint("mock:kafka:bot-queries");
        messages.expectedMessageCount(3);
        messages.expectedHeaderValuesReceivedInAnyOrder("kafka.KEY", "1", "2", "3");
        queries.expectedMessageCount(1);

        template.sendBody("direct:discord-in", message("1", "the endpoint is /api/v1/data"));
        template.sendBody("direct:discord-in", message("2", "RTFM what is the endpoint?"));
        template.sendBody("direct:discord-in", message("3", "please rtfm first"));

        MockEndpoint.assertIsSatisfied(context);
        BotQuery query = wire.parseQuery(queries.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(query.question()).isEqualTo("what is the endpoint?");
        assertThat(query.originalMessageId()).isEqualTo("2");
        assertThat(queries.getExchanges().get(0).getMessage().getHeader("kafka.KEY")).isEqualTo("general");
    }

    @Test
    void anEmptyQuestionGetsAUsageHint() throws Exception {
        MockEndpoint responses = getMockEndpoint("mock:kafka:bot-responses");
        responses.expectedMessageCount(1);
        template.sendBody("direct:answer-queries-source", wire.write(query("")));
        MockEndpoint.assertIsSatisfied(context);
        BotResponse response = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(response.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(response.responseText()).contains("RTFM how do I");
    }

    @Test
    void anAskerWhoCanReadNoChannelGetsNoMatchWithoutASearch() throws Exception {
        MockEndpoint responses = getMockEndpoint("mock:kafka:bot-responses");
        responses.expectedMessageCount(1);
        BotQuery blind = new BotQuery("q2", "m", "where are the docs?", "u", "1", "general", "2025-11-02T12:34:56.789Z",
                Map.of(), 1, "local", List.of());
        template.sendBody("direct:answer-queries-source", wire.write(blind));
        MockEndpoint.assertIsSatisfied(context);
        BotResponse response = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(response.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(response.sources()).isEmpty();
    }

    @Test
    void invalidJsonAndSchemaFailuresGoStraightToTheDeadLetterQueue() throws Exception {
        MockEndpoint dlq = getMockEndpoint("mock:kafka:dead-letter-queue");
        dlq.expectedMessageCount(2);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ingest-messages").whenDone(2).create();

        template.sendBody("direct:ingest-messages-source", "{broken");
        template.sendBody("direct:ingest-messages-source", "{\"message_id\": \"9\"}");

        assertThat(done.matchesWaitTime()).isTrue();
        MockEndpoint.assertIsSatisfied(context);
        String first = dlq.getExchanges().get(0).getMessage().getBody(String.class);
        String second = dlq.getExchanges().get(1).getMessage().getBody(String.class);
        assertThat(wire.parseDeadLetter(first).error()).contains("not valid JSON");
        assertThat(wire.parseDeadLetter(first).message()).isEqualTo("{broken");
        assertThat(wire.parseDeadLetter(second).error()).contains("content");
        assertThat(wire.parseDeadLetter(second).attempts()).isEqualTo(1);
    }

    @Test
    void answersGoBackToTheGatewayThatAsked() throws Exception {
        BotResponse forConsole = response("q-console", "console", "Deploys run on Fridays [1].");
        BotResponse forHttp = response("q-http", "http", "Use similarity_top_k [1].");
        BotQuery waiting = new BotQuery("q-http", "m", "how?", "u", "1", "general", "2025-11-02T12:34:56.789Z",
                Map.of("origin", "http"), 1, "local", null);
        askWaiters.register(waiting);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("deliver-responses").whenDone(2).create();

        template.sendBody("direct:deliver-responses-source", wire.write(forConsole));
        template.sendBody("direct:deliver-responses-source", wire.write(forHttp));

        assertThat(done.matchesWaitTime()).isTrue();
        assertThat(consoleOut.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("RTFM [generated]: Deploys run on Fridays [1].").contains("Sources:").contains("[1] ana: deploys are on fridays")
                .doesNotContain("similarity_top_k");
        assertThat(askWaiters.await(waiting).responseText()).isEqualTo("Use similarity_top_k [1].");
    }

    private static BotResponse response(String queryId, String origin, String text) {
        return new BotResponse("r-" + queryId, queryId, "m", text, "general", "2025-11-02T12:34:57Z",
                Map.of("origin", origin, "sources_count", 1), 1, BotResponse.GENERATED,
                List.of(new BotResponse.Source("5", "general", "ana", "https://discord.com/channels/local/general/5", 0.8,
                        "deploys are on fridays")), "gemini-2.5-flash", 900L);
    }

    private static BotQuery query(String question) {
        return new BotQuery("q1", "m", question, "u", "1", "general", "2025-11-02T12:34:56.789Z", Map.of(), 1, "local", null);
    }
}
