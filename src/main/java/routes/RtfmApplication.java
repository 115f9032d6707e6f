package routes;

import java.util.Locale;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.chroma.ChromaCollection;
import routes.chroma.ChromaHealthCheck;
import routes.discord.DiscordGateway;
import routes.kafka.TopicAdmin;
import routes.local.LocalInfrastructure;

/**
 * RTFM as one process: starts the local infrastructure it was not given, creates the topics,
 * then runs the Camel routes of routes.yaml for the configured role.
 */
public final class RtfmApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtfmApplication.class);

    public enum Role {
        ALL, BOT, PROCESSOR;

        public static Role parse(String value) {
            try {
                return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + value + "': use all, bot or processor");
            }
        }

        boolean runsProcessor() {
            return this != BOT;
        }

        boolean runsBot() {
            return this != PROCESSOR;
        }
    }

    private final Properties overrides;
    private final LocalInfrastructure infrastructure = new LocalInfrastructure();
    private Main main;
    private volatile DiscordGateway gateway;
    private volatile RuntimeException startFailure;
    private final java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();

    public RtfmApplication(Properties overrides) {
        this.overrides = overrides;
    }

    /** Starts everything and returns once RTFM is ready; for tests and embedding. */
    public CamelContext start() throws Exception {
        main = prepare();
        java.util.concurrent.CompletableFuture<Void> failed = new java.util.concurrent.CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                failed.completeExceptionally(e);
            }
            failed.complete(null);
        }, "rtfm-main");
        runner.setDaemon(true);
        runner.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (!ready.isDone() && !failed.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (failed.isDone()) {
            failed.get();
            throw new IllegalStateException("RTFM stopped while starting", startFailure);
        }
        if (!ready.isDone()) {
            throw new IllegalStateException("RTFM did not start within 3 minutes");
        }
        return main.getCamelContext();
    }

    /** Starts everything and blocks until Ctrl-C or SIGTERM, then stops everything it started. */
    public void runUntilStopped() throws Exception {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        // On Ctrl-C or SIGTERM Camel's own hook ends main.run(); this one keeps the JVM alive until the
        // routes have stopped and only then stops Kafka and Chroma, so no consumer outlives its broker.
        Thread cleanup = new Thread(() -> {
            try {
                if (!stopped.await(45, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warn("Camel did not stop within 45 s; stopping the local infrastructure anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            infrastructure.close();
        }, "rtfm-infrastructure-stop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            main = prepare();
            main.run();
        } finally {
            close();
            stopped.countDown();
        }
    }

    private Main prepare() {
        RtfmSettings settings = RtfmSettings.load(overrides);
        Role role = Role.parse(settings.get("rtfm.role", "all"));
        Properties resolved = infrastructure.start(settings, role.runsProcessor());
        String bootstrap = resolved.getProperty("rtfm.kafka.bootstrap-servers");
        if (Boolean.parseBoolean(settings.get("rtfm.kafka.create-topics", "true"))) {
            try (TopicAdmin admin = new TopicAdmin(bootstrap)) {
                admin.reconcile(settings.topics()).forEach(change -> LOG.info("Topic {}", change));
            }
        }
        boolean console = role.runsBot() && Boolean.parseBoolean(settings.get("rtfm.console.enabled", "true"));

        Main camel = new Main();
        overrides.forEach((k, v) -> camel.addOverrideProperty(k.toString(), v.toString()));
        resolved.forEach((k, v) -> camel.addOverrideProperty(k.toString(), v.toString()));
        camel.addOverrideProperty("rtfm.processor.enabled", Boolean.toString(role.runsProcessor()));
        camel.addOverrideProperty("rtfm.bot.enabled", Boolean.toString(role.runsBot()));
        camel.addOverrideProperty("rtfm.console.active", Boolean.toString(console));
        camel.addOverrideProperty("rtfm.api.active", Boolean.toString(role.runsBot()));
        camel.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                CamelContext context = support.getCamelContext();
                if (role.runsProcessor()) {
                    ChromaCollection collection = context.getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
                    // fail at start, with the reason, rather than on the first message
                    LOG.info("Chroma collection '{}' is {}", collection.name(), collection.id());
                    HealthCheckRegistry.get(context).register(new ChromaHealthCheck(collection));
                }
            }

            @Override
            public void afterStart(BaseMainSupport support) {
                CamelContext context = support.getCamelContext();
                DiscordGateway discord = context.getRegistry().lookupByNameAndType("discord", DiscordGateway.class);
                if (role.runsBot() && discord != null && discord.configured()) {
                    // after the routes, so the first message finds discord-in listening
                    try {
                        discord.connect(context);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        startFailure = new IllegalStateException("interrupted while connecting to Discord", e);
                        throw startFailure;
                    } catch (RuntimeException e) {
                        startFailure = e;
                        LOG.error("Cannot connect to Discord: {}", e.getMessage());
                        throw e;
                    }
                    gateway = discord;
                }
                LOG.info("RTFM ready: role {}, Kafka {}, Chroma {}, HTTP API on {}:{}{}", role.name().toLowerCase(Locale.ROOT),
                        bootstrap, resolved.getProperty("rtfm.chroma.url", "(not used by this role)"),
                        settings.get("rtfm.http.host"), settings.get("rtfm.http.port"),
                        console ? "; type a message, or RTFM <question>" : "");
                ready.complete(null);
            }

            @Override
            public void beforeStop(BaseMainSupport support) {
                // no new Discord messages while the routes drain
                if (gateway != null) {
                    gateway.disconnect();
                }
            }
        });
        return camel;
    }

    public CamelContext context() {
        return main == null ? null : main.getCamelContext();
    }

    @Override
    public void close() {
        try {
            if (main != null && !main.isStopped()) {
                main.stop();
            }
        } catch (Exception e) {
            LOG.warn("error while stopping Camel: {}", e.getMessage());
        } finally {
            infrastructure.close();
        }
    }
}
