package routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import routes.gateway.GatewayContext;
import routes.local.AskWaiters;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;

/**
 * The gateways' side of routes.yaml: which message is published and which becomes a question, the asker's
 * limit, what cannot be taken in, and answers delivered back to the gateway that asked.
 */
class GatewayRoutesTest extends RouteLogicFixture {

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

    private static double failures(io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Counter counter = meters.find("rtfm.intake.failures").counter();
        return counter == null ? 0 : counter.count();
    }
}
