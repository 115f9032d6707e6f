package routes.discord;

import org.apache.camel.ProducerTemplate;
import routes.gateway.GatewayContext;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;

/**
 * Hands Discord's messages, /ask questions and opt-outs to the routes. A failure is logged and counted by
 * the route (intake-errors) and stays there: it never reaches JDA's event thread.
 */
final class DiscordIntake {

    static final String ORIGIN = "discord";

    private final ProducerTemplate producer;

    DiscordIntake(ProducerTemplate producer) {
        this.producer = producer;
    }

    void message(DiscordMessage message, GatewayContext gateway) {
        producer.send("direct:discord-in", exchange -> {
            exchange.getMessage().setBody(message);
            exchange.getMessage().setHeader(GatewayContext.HEADER, gateway);
        });
    }

    void question(BotQuery query) {
        producer.send("direct:discord-ask", exchange -> exchange.getMessage().setBody(query));
    }

    /** A member's or a channel's indexing choice (/forget, /remember, /rtfm, a deleted channel). */
    void optOut(OptOut choice) {
        producer.send("direct:discord-opt-outs", exchange -> exchange.getMessage().setBody(choice));
    }
}
