package routes.discord;

import org.apache.camel.ProducerTemplate;
import routes.gateway.GatewayContext;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;

/**
 * Hands Discord's messages and /ask questions to the routes. A failure is logged and counted by
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
}
