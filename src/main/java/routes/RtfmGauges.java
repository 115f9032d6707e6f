package routes;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import routes.discord.DiscordConnection;
import routes.kafka.ConsumerLag;
import routes.kafka.KafkaClientSettings;
import routes.metrics.RtfmMetrics;

/**
 * The gauges an operator alerts on (deploy/prometheus/alerts.yml): each consumer group's lag on the
 * topics this process consumes, the question log's writer included [rtfm_consumer_lag{group,topic}], read from Kafka at scrape time,
 * and whether the Discord gateway is connected [rtfm_discord_connected].
 */
public class RtfmGauges extends ServiceSupport {

    private final RtfmMetrics metrics;
    private final KafkaClientSettings kafka;
    private final List<String[]> watched = new ArrayList<>();
    private ConsumerLag lag;

    public RtfmGauges(RtfmMetrics metrics, KafkaClientSettings kafka) {
        this.metrics = metrics;
        this.kafka = kafka;
    }

    /** Lag of this group on this topic, from start on. */
    public RtfmGauges consumerLag(String group, String topic) {
        watched.add(new String[] {group, topic});
        return this;
    }

    public void discord(DiscordConnection connection) {
        metrics.gauge("rtfm.discord.connected", "1 while the Discord gateway is connected", () -> connection.connected() ? 1 : 0);
    }

    /** The processor's topics, or the bot's, as the role runs them. */
    public static RtfmGauges forRole(CamelContext context, RtfmMetrics metrics, boolean processor, boolean bot) {
        RtfmGauges gauges = new RtfmGauges(metrics, context.getRegistry().lookupByNameAndType("kafkaClients", KafkaClientSettings.class));
        if (processor) {
            String group = context.resolvePropertyPlaceholders("{{rtfm.kafka.processor-group-id}}");
            for (String role : List.of("messages", "optouts")) {
                gauges.consumerLag(group, context.resolvePropertyPlaceholders("{{rtfm.topics." + role + ".name}}"));
            }
            gauges.consumerLag(context.resolvePropertyPlaceholders("{{rtfm.kafka.answer-group-id}}"),
                    context.resolvePropertyPlaceholders("{{rtfm.topics.queries.name}}"));
            if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{rtfm.log.active}}"))) {
                // served from the start (at 0), so a rate over it means something before the first failure
                metrics.logWriteFailures();
                String logGroup = context.resolvePropertyPlaceholders("{{rtfm.kafka.log-group-id}}");
                for (String role : List.of("queries", "responses", "feedback", "optouts")) {
                    gauges.consumerLag(logGroup, context.resolvePropertyPlaceholders("{{rtfm.topics." + role + ".name}}"));
                }
            }
        }
        if (bot) {
            metrics.feedbackVotes(routes.schema.Feedback.UP);
            metrics.feedbackVotes(routes.schema.Feedback.DOWN);
            gauges.consumerLag(context.resolvePropertyPlaceholders("{{rtfm.kafka.bot-group-id}}"),
                    context.resolvePropertyPlaceholders("{{rtfm.topics.responses.name}}"));
        }
        return gauges;
    }

    @Override
    protected void doStart() {
        lag = new ConsumerLag(kafka);
        for (String[] groupTopic : watched) {
            metrics.gauge("rtfm.consumer.lag", "Records written to the topic and not yet done by the group", () -> {
                try {
                    return lag.of(groupTopic[0], groupTopic[1]);
                } catch (Exception e) {
                    // Kafka unreachable: no value rather than a wrong one
                    return null;
                }
            }, "group", groupTopic[0], "topic", groupTopic[1]);
        }
    }

    @Override
    protected void doStop() {
        if (lag != null) {
            lag.close();
        }
    }
}
