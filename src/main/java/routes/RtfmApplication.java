package routes;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicAdmin;
import routes.local.LocalInfrastructure;

/**
 * RTFM as one process: starts the local infrastructure it was not given, creates the topics,
 * then runs the Camel routes of routes.yaml for the configured role.
 */
public final class RtfmApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtfmApplication.class);

    private final Properties overrides;
    private final LocalInfrastructure infrastructure = new LocalInfrastructure();
    private Main main;

    public RtfmApplication(Properties overrides) {
        this.overrides = overrides;
    }

    /** Starts everything and returns once RTFM is ready; for tests, eval and embedding. */
    public CamelContext start() throws Exception {
        RtfmLifecycle lifecycle = prepare();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> {
            Thread runner = new Thread(runnable, "rtfm-main");
            runner.setDaemon(true);
            runner.start();
        });
        try {
            Object first = CompletableFuture.anyOf(lifecycle.ready(), stopped).get(3, TimeUnit.MINUTES);
            if (first instanceof CamelContext context) {
                return context;
            }
            throw new IllegalStateException("RTFM stopped while starting");
        } catch (ExecutionException e) {
            throw new IllegalStateException("RTFM could not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("RTFM did not start within 3 minutes");
        }
    }

    /** Starts everything and blocks until Ctrl-C or SIGTERM, then stops everything it started. */
    public void runUntilStopped() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        // On Ctrl-C or SIGTERM Camel's own hook ends main.run(); this one keeps the JVM alive until the
        // routes have stopped and only then stops Kafka and Chroma, so no consumer outlives its broker.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!stopped.await(45, TimeUnit.SECONDS)) {
                    LOG.warn("Camel did not stop within 45 s; stopping the local infrastructure anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            infrastructure.close();
        }, "rtfm-infrastructure-stop"));
        try {
            prepare();
            main.run();
        } finally {
            close();
            stopped.countDown();
        }
    }

    private RtfmLifecycle prepare() {
        RtfmSettings settings = RtfmSettings.load(overrides);
        Role role = Role.parse(settings.require("rtfm.role"));
        Properties resolved = infrastructure.start(settings, role.runsProcessor());
        String bootstrap = resolved.getProperty("rtfm.kafka.bootstrap-servers");
        if (settings.flag("rtfm.kafka.create-topics")) {
            try (TopicAdmin admin = new TopicAdmin(KafkaClientSettings.from(settings::get).withBootstrapServers(bootstrap))) {
                admin.reconcile(settings.topics()).forEach(change -> LOG.info("Topic {}", change));
            }
        }
        boolean console = role.runsBot() && settings.flag("rtfm.console.enabled");

        main = new Main();
        overrides.forEach((k, v) -> main.addOverrideProperty(k.toString(), v.toString()));
        resolved.forEach((k, v) -> main.addOverrideProperty(k.toString(), v.toString()));
        main.addOverrideProperty("rtfm.processor.enabled", Boolean.toString(role.runsProcessor()));
        main.addOverrideProperty("rtfm.bot.enabled", Boolean.toString(role.runsBot()));
        main.addOverrideProperty("rtfm.console.active", Boolean.toString(console));
        main.addOverrideProperty("rtfm.api.active", Boolean.toString(role.runsBot()));
        // each processor writes the question log (it follows the opt-out list the log obeys)
        main.addOverrideProperty("rtfm.log.active", Boolean.toString(logActive(settings, role)));
        main.addOverrideProperty("rtfm.dashboard.active", Boolean.toString(dashboardActive(settings, role)));
        String readyLine = String.format("RTFM ready: role %s, Kafka %s, Chroma %s, HTTP on http://%s:%s "
                + "(/api/messages, /api/ask, /observe/health, /observe/metrics)%s", role.label(),
                bootstrap, resolved.getProperty("rtfm.chroma.url", "(not used by this role)"),
                settings.get("rtfm.http.host"), settings.get("rtfm.http.port"),
                console ? "; type a message, or RTFM <question>" : "");
        RtfmLifecycle lifecycle = new RtfmLifecycle(role, readyLine);
        main.addMainListener(lifecycle);
        return lifecycle;
    }

    static boolean logActive(RtfmSettings settings, Role role) {
        return role.runsProcessor() && settings.flag("rtfm.log.enabled");
    }

    /**
     * The bot serves the dashboard. In local mode (no Discord) nobody logs in, so only on loopback; beyond
     * loopback only with the login with Discord configured. Otherwise it stays off, and says why.
     */
    static boolean dashboardActive(RtfmSettings settings, Role role) {
        // it shows the question log: without the log (RTFM_LOG=false) there is nothing to show, and no database is opened
        if (!role.runsBot() || !settings.flag("rtfm.dashboard.enabled") || !settings.flag("rtfm.log.enabled")) {
            return false;
        }
        boolean discord = settings.given("rtfm.discord.token");
        boolean login = settings.given("rtfm.dashboard.client-id") && settings.given("rtfm.dashboard.client-secret")
                && settings.given("rtfm.dashboard.public-url");
        if (!routes.local.ApiExposure.isLoopback(settings.require("rtfm.http.host")) && !(discord && login)) {
            LOG.warn("The dashboard is off: the HTTP server listens beyond loopback, and {}", discord
                    ? "the login with Discord is not configured (DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET, RTFM_DASHBOARD_PUBLIC_URL)"
                    : "without Discord it would show every guild's questions to anyone who can reach it");
            return false;
        }
        return true;
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
