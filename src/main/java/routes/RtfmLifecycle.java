package routes;

import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.background.PeriodicTask;
import routes.chroma.ActiveIndex;
import routes.kafka.KafkaClientSettings;
import routes.chroma.ChromaCollection;
import routes.chroma.ChromaHealthCheck;
import routes.discord.DiscordConnection;
import routes.errors.PollBudget;
import routes.gemini.GeminiBreakerHealthCheck;
import routes.metrics.RtfmMetrics;
import routes.metrics.RecordOutcomes;
import routes.privacy.OptOutList;
import routes.questionlog.QuestionLog;

/**
 * What happens around the routes' start and stop: the Chroma collection is checked before any
 * route runs, Discord connects once they listen and disconnects before they drain, and "ready"
 * is reported with the addresses really in use.
 */
final class RtfmLifecycle extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RtfmLifecycle.class);

    private final Role role;
    private final String readyLine;
    private final CompletableFuture<CamelContext> ready = new CompletableFuture<>();
    private DiscordConnection discord;

    RtfmLifecycle(Role role, String readyLine) {
        this.role = role;
        this.readyLine = readyLine;
    }

    CompletableFuture<CamelContext> ready() {
        return ready;
    }

    @Override
    public void afterConfigure(BaseMainSupport support) {
        CamelContext context = support.getCamelContext();
        if (role.runsProcessor()) {
            String budget = PollBudget.problem(Integer.parseInt(context.resolvePropertyPlaceholders("{{rtfm.answer.max-poll-records}}")),
                    Long.parseLong(context.resolvePropertyPlaceholders("{{rtfm.answer.deadline-ms}}")),
                    Long.parseLong(context.resolvePropertyPlaceholders("{{camel.component.kafka.max-poll-interval-ms}}")));
            if (budget != null) {
                throw new IllegalStateException(budget);
            }
            // the model is loaded now, so that a processor that cannot load it (no room for its files, a broken native library)
            // does not start, and the first question does not wait seconds for it
            context.getRegistry().lookupByNameAndType("embedder", routes.embedding.MessageEmbedder.class).embed("warm-up");
            ChromaCollection collection = context.getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
            if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{rtfm.index.follow}}"))) {
                // a reindex may have made another collection the active one: use it, and follow later switches
                ActiveIndex index = new ActiveIndex(context.getRegistry().lookupByNameAndType("kafkaClients", KafkaClientSettings.class),
                        context.resolvePropertyPlaceholders("{{rtfm.topics.index-state.name}}"), collection,
                        context.getRegistry().lookupByNameAndType("recordOutcomes", RecordOutcomes.class));
                start(context, index, index.follower().healthCheck(), "read the index state");
            }
            // fail at start, with the reason (unreachable, another embedding model), rather than on the first message
            LOG.info("Chroma collection '{}' is {}", collection.name(), collection.id());
            HealthCheckRegistry.get(context).register(new ChromaHealthCheck(collection));
            HealthCheckRegistry.get(context).register(new GeminiBreakerHealthCheck(context));
            if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{rtfm.processor.answers}}"))
                    && Double.parseDouble(context.resolvePropertyPlaceholders("{{rtfm.retrieval.helper-weight}}")) > 0) {
                PeriodicTask recount = context.getRegistry().lookupByNameAndType("helperRecount", PeriodicTask.class);
                start(context, recount, recount.healthCheck(), "start counting the helper record");
            }
            // the whole opt-out list is read before ingest stores its first message
            OptOutList optOuts = context.getRegistry().lookupByNameAndType("optOuts", OptOutList.class);
            start(context, optOuts, optOuts.follower().healthCheck(), "read the opt-out list");
        }
        // the log's writer (processor) and its reader (the bot's dashboard) share one pool
        if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{rtfm.log.active}}"))
                || Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{rtfm.dashboard.active}}"))) {
            // migrated now if the database answers; otherwise in the background, while record-answers waits
            QuestionLog log = context.getRegistry().lookupByNameAndType("questionLog", QuestionLog.class);
            start(context, log, log.healthCheck(), "open the question log");
        }
        if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{rtfm.log.active}}"))) {
            HealthCheckRegistry.get(context).register(
                    context.getRegistry().lookupByNameAndType("gapVectors", routes.questionlog.GapVectors.class).healthCheck());
        }
    }

    /** Starts a service with the context and registers its health check; if it cannot start, neither does RTFM, saying why. */
    private static void start(CamelContext context, Service service, HealthCheck health, String what) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
        }
        HealthCheckRegistry.get(context).register(health);
    }

    @Override
    public void afterStart(BaseMainSupport support) {
        CamelContext context = support.getCamelContext();
        try {
            DiscordConnection connection = context.getRegistry().lookupByNameAndType("discordConnection", DiscordConnection.class);
            RtfmGauges gauges = RtfmGauges.forRole(context, context.getRegistry().lookupByNameAndType("rtfmMetrics", RtfmMetrics.class),
                    role.runsProcessor(), role.runsBot());
            if (role.runsBot() && connection.configured()) {
                context.addService(connection, true, true);
                discord = connection;
                gauges.discord(connection);
                HealthCheckRegistry.get(context).register(connection.healthCheck());
            }
            context.addService(gauges, true, true);
            LOG.info(readyLine);
            ready.complete(context);
        } catch (Exception e) {
            LOG.error("Cannot connect to Discord: {}", e.getMessage());
            ready.completeExceptionally(e);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    @Override
    public void beforeStop(BaseMainSupport support) {
        // no new Discord messages while the routes drain
        if (discord != null) {
            discord.stop();
        }
    }
}
