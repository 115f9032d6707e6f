package routes.discord;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.gateway.GatewayContext;
import routes.schema.BotQuery;
import routes.schema.ChannelSetting;
import routes.schema.Feedback;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;

/**
 * Hands Discord's messages, /ask questions and opt-outs to the routes without ever blocking JDA's
 * event thread: they queue, in order, for one sender thread (so a message's create, edit and
 * delete reach Kafka in that order), in a buffer of {@code rtfm.discord.intake-buffer} records that
 * rides out a Kafka blip. A full buffer (a long outage) drops the record, logged with its id and
 * counted (rtfm_intake_failures_total); backfill of history is what recovers it. A failure of the
 * routes themselves is logged and counted by intake-errors.
 */
final class DiscordIntake implements AutoCloseable {

    static final String ORIGIN = "discord";

    private static final Logger LOG = LoggerFactory.getLogger(DiscordIntake.class);

    private final CamelContext context;
    private final ProducerTemplate producer;
    private final ExecutorService sender;
    private final Runnable dropped;

    DiscordIntake(CamelContext context, int buffer, Runnable dropped) {
        this.context = context;
        this.producer = context.createProducerTemplate();
        this.sender = context.getExecutorServiceManager().newThreadPool(this, "rtfm-discord-intake",
                new ThreadPoolProfileBuilder("rtfm-discord-intake").poolSize(1).maxPoolSize(1).maxQueueSize(buffer)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        this.dropped = dropped;
    }

    void message(DiscordMessage message, GatewayContext gateway) {
        submit("message " + message.messageId(), () -> producer.send("direct:discord-in", exchange -> {
            exchange.getMessage().setBody(message);
            exchange.getMessage().setHeader(GatewayContext.HEADER, gateway);
        }));
    }

    void question(BotQuery query) {
        submit("question " + query.queryId(), () -> producer.sendBody("direct:discord-ask", query));
    }

    /** A member's or a channel's indexing choice (/forget, /remember, /rtfm, a deleted channel). */
    void optOut(OptOut choice) {
        submit("opt-out " + choice.key(), () -> producer.sendBody("direct:discord-opt-outs", choice));
    }

    /** A channel's proactive-answer choice (/rtfm autoanswer). */
    void channelSetting(ChannelSetting setting) {
        submit("channel setting " + setting.key(), () -> producer.sendBody("direct:discord-channel-settings", setting));
    }

    /** A member's 👍/👎 on an answer. */
    void feedback(Feedback vote) {
        submit("vote " + vote.key(), () -> producer.sendBody("direct:feedback-in", vote));
    }

    private void submit(String what, Runnable send) {
        try {
            sender.execute(send);
        } catch (RejectedExecutionException full) {
            LOG.error("Dropped Discord {}: the intake buffer is full (is Kafka down?)", what);
            dropped.run();
        }
    }

    /** Sends what is buffered (Camel's graceful shutdown of the pool), then stops. */
    @Override
    public void close() {
        context.getExecutorServiceManager().shutdownGraceful(sender);
    }
}
