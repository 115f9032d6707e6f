package routes.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import io.micrometer.core.instrument.Counter;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.backfill.Watermarks;
import routes.metrics.RtfmMetrics;
import routes.proactive.AutoAnswerChannels;
import routes.proactive.ProactiveQuestions;

/**
 * The connection to Discord as a Camel service: started once the routes listen (so the first
 * message finds discord-in), stopped before they drain (so no new message arrives while they do).
 * Starting logs in and waits until Discord has sent every guild.
 */
public class DiscordConnection extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordConnection.class);

    private final String token;
    private final String apiBaseUrl;
    private final String gatewayUrl;
    private final Compression compression;
    private final QuestionDetector questions;
    private final QuestionLimiter limiter;
    private final PendingInteractions pending;
    private final RtfmMetrics metrics;
    private final CamelContext camelContext;
    private volatile JDA jda;
    private DiscordIntake intake;
    // both set by DiscordConfiguration from application.properties, where their defaults are
    private int intakeBuffer;
    private int feedbackMaxAgeDays;
    private String solvedTag = "";
    private Watermarks watermarks;
    private AutoAnswerChannels autoAnswer;
    private int backfillMaxAgeDays;
    private DiscordBackfill backfill;

    public DiscordConnection(CamelContext camelContext, String token, String apiBaseUrl, String gatewayUrl, String compression,
                             QuestionDetector questions, QuestionLimiter limiter, PendingInteractions pending, RtfmMetrics metrics) {
        this.camelContext = camelContext;
        this.token = token == null ? "" : token.trim();
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
        this.gatewayUrl = gatewayUrl;
        this.compression = "none".equalsIgnoreCase(compression) ? Compression.NONE : Compression.ZLIB;
        this.questions = questions;
        this.limiter = limiter;
        this.pending = pending;
        this.metrics = metrics;
    }

    /** The forum tag a marked solution's post gets (rtfm.solutions.forum-tag; empty: none). */
    public void setSolvedTag(String name) {
        this.solvedTag = name;
    }

    /** Votes on answers older than this many days are refused (rtfm.feedback.max-age-days). */
    public void setFeedbackMaxAgeDays(int days) {
        this.feedbackMaxAgeDays = days;
    }

    /** How many records may wait for Kafka before the gateway drops new ones (rtfm.discord.intake-buffer). */
    public void setIntakeBuffer(int intakeBuffer) {
        this.intakeBuffer = intakeBuffer;
    }

    /** Reads the history of what the bot can read once connected (rtfm.backfill.*); without it, only what is said from now on. */
    public void setBackfill(Watermarks watermarks, int maxAgeDays) {
        this.watermarks = watermarks;
        this.backfillMaxAgeDays = maxAgeDays;
    }

    /** Where proactive answers are on: read before the connection opens, followed while it lives. */
    public void setAutoAnswer(AutoAnswerChannels autoAnswer) {
        this.autoAnswer = autoAnswer;
    }

    public boolean configured() {
        return !token.isEmpty();
    }

    /** Whether the gateway connection is up now (readiness, rtfm_discord_connected). */
    public boolean connected() {
        JDA client = jda;
        return client != null && client.getStatus() == JDA.Status.CONNECTED;
    }

    /** A bot that is not connected to Discord reads no message and posts no answer: not ready [rtfm/discord]. */
    public AbstractHealthCheck healthCheck() {
        return new AbstractHealthCheck("rtfm", "discord") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                if (connected()) {
                    builder.up();
                } else {
                    builder.message("not connected to the Discord gateway").down();
                }
            }
        };
    }

    /** The live client, or null when not connected. */
    public JDA jda() {
        return jda;
    }

    @Override
    protected void doStart() throws Exception {
        if (!configured()) {
            return;
        }
        DiscordIntake intake = new DiscordIntake(camelContext, intakeBuffer, metrics::intakeFailed);
        this.intake = intake;
        ServiceHelper.startService(autoAnswer);
        HealthCheckRegistry.get(camelContext).register(autoAnswer.follower().healthCheck());
        String gateway = gatewayUrl;
        JDA client = JDABuilder.createLight(token, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT))
                // forum tags: a post whose solution is marked gets the forum's Solved tag (SolvedTag)
                .enableCache(CacheFlag.MEMBER_OVERRIDES, CacheFlag.FORUM_TAGS)
                .setRestConfig(new RestConfig().setBaseUrl(apiBaseUrl))
                // JDA takes the gateway address from its session controller, not from GET gateway/bot
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(compression)
                .setEnableShutdownHook(false)
                .addEventListeners(BotEvents.of(new DiscordEvents(intake, questions, limiter, new ProactiveQuestions(autoAnswer)),
                        new SlashAsk(intake, limiter, pending), new SlashPrivacy(intake, pending, autoAnswer),
                        new FeedbackButtons(intake, Duration.ofDays(feedbackMaxAgeDays)), new RemoveButton(intake),
                        new MarkSolution(intake, new SolvedTag(solvedTag))))
                .build();
        try {
            client.awaitReady();
        } catch (IllegalStateException e) {
            client.shutdownNow();
            throw new IllegalStateException("Discord refused the connection: " + e.getMessage()
                    + " (is the Message Content intent enabled in the developer portal?)", e);
        }
        jda = client;
        LOG.info("Connected to Discord as {} in {} guild(s)", client.getSelfUser().getName(), client.getGuilds().size());
        if (watermarks != null) {
            startBackfill(client);
        }
    }

    private void startBackfill(JDA client) {
        ServiceHelper.startService(watermarks);
        HealthCheckRegistry.get(camelContext).register(watermarks.follower().healthCheck());
        ProducerTemplate history = camelContext.createProducerTemplate();
        Counter published = metrics.counter("rtfm.backfill.messages", "Messages the history backfill read from Discord and published");
        backfill = new DiscordBackfill(watermarks, record -> history.sendBody("direct:history-in", record), backfillMaxAgeDays,
                published::increment);
        metrics.gauge("rtfm.backfill.channels.remaining", "Channels and threads the backfill pass under way has still to read",
                backfill::remaining);
        client.addEventListener(BackfillTriggers.of(backfill));
        backfill.requestPass(client);
    }

    @Override
    protected void doStop() throws Exception {
        if (backfill != null) {
            backfill.close();
        }
        JDA client = jda;
        jda = null;
        if (client != null) {
            client.shutdown();
            if (!client.awaitShutdown(Duration.ofSeconds(10))) {
                client.shutdownNow();
            }
        }
        ServiceHelper.stopService(autoAnswer);
        if (intake != null) {
            // no new event comes in now: what is buffered goes to Kafka before the routes stop
            intake.close();
        }
    }
}
