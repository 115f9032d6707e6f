package routes.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.Feedback;

/**
 * RTFM's own metrics, beside Camel's route metrics at /observe/metrics (Prometheus names in
 * brackets): answers by mode [rtfm_queries_total{mode}] and how long after the question they came
 * [rtfm_answer_latency_seconds], Gemini calls by outcome [rtfm_gemini_requests_total{outcome}] and
 * their tokens [rtfm_gemini_tokens_total{kind}], and gauges [rtfm_consumer_lag{group,topic},
 * rtfm_discord_connected]. It is the one way RTFM counts: every class and every YAML step (as a bean
 * call) counts through this bean, into the registry Camel's own metrics use; no class makes a
 * registry or a meter of its own (docs/ARCHITECTURE.md, "Metrics").
 */
public class RtfmMetrics {

    private final CamelContext camelContext;
    private volatile MeterRegistry registry;

    /** Counts into the registry of this context (or Micrometer's global one when it has none, or without a context). */
    public RtfmMetrics(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** For tests: a registry of one's own. */
    public RtfmMetrics(MeterRegistry registry) {
        this.camelContext = null;
        this.registry = registry;
    }

    /** The registry Camel's metrics use (camel.metrics.*), found on first use; Micrometer's global one without Camel. */
    public MeterRegistry registry() {
        MeterRegistry current = registry;
        if (current == null) {
            MeterRegistry found = camelContext == null ? null : camelContext.getRegistry().findSingleByType(MeterRegistry.class);
            current = found != null ? found : Metrics.globalRegistry;
            registry = current;
        }
        return current;
    }

    /**
     * An answer is about to be published (answer-queries, or an apology in the dead-letter route):
     * counted by mode, its latency measured from the question's own timestamp. No answer, no count.
     */
    public void answered(@Body BotResponse response, @Variable("query") BotQuery query) {
        if (response == null) {
            return;
        }
        String askedAt = query == null ? null : query.timestamp();
        Counter.builder("rtfm.queries").description("Answers published, by mode").tag("mode", String.valueOf(response.mode()))
                .register(registry()).increment();
        Instant asked = parse(askedAt);
        if (asked != null) {
            Timer.builder("rtfm.answer.latency").description("From the question being asked to its answer being published")
                    .publishPercentileHistogram().register(registry())
                    .record(Duration.between(asked, Instant.now()).abs());
        }
    }

    /** One Gemini call ended: answered, blocked, failed_<status>, failed, or short_circuited (the breaker refused it). */
    public void gemini(String outcome) {
        Counter.builder("rtfm.gemini.requests").description("Gemini calls, by outcome").tag("outcome", outcome)
                .register(registry()).increment();
    }

    public void geminiTokens(String kind, long tokens) {
        if (tokens > 0) {
            Counter.builder("rtfm.gemini.tokens").description("Gemini tokens, by kind (prompt, output)").tag("kind", kind)
                    .register(registry()).increment(tokens);
        }
    }

    /** A member voted on an answer [rtfm_feedback_total{vote}]; the vote variable is the Feedback just published. */
    public void feedback(@Variable("vote") Feedback vote) {
        feedbackVotes(vote.vote()).increment();
    }

    public Counter feedbackVotes(String vote) {
        return counter("rtfm.feedback", "Votes on answers, by vote (up, down)", "vote", vote);
    }

    /** A question-log write failed: it is retried, then handed back to Kafka, or skipped if it cannot succeed [rtfm_log_write_failures_total]. */
    public void logWriteFailed() {
        logWriteFailures().increment();
    }

    public Counter logWriteFailures() {
        return counter("rtfm.log.write.failures",
                "Question-log writes that failed (each attempt: retried, handed back to Kafka, or skipped when it cannot succeed)");
    }

    /** A gateway's message could not be taken in (published): it is logged with its id where it failed. */
    public void intakeFailed() {
        counter("rtfm.intake.failures", "Gateway messages that could not be published to Kafka").increment();
    }

    /** A counter of RTFM's, registered on first use: the one way Java code counts (docs/ARCHITECTURE.md, "Metrics"). */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry());
    }

    /** A distribution of RTFM's, registered on first use. */
    public DistributionSummary summary(String name, String description, String... tags) {
        return DistributionSummary.builder(name).description(description).tags(tags).register(registry());
    }

    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, () -> {
            Number current = value.get();
            return current == null ? Double.NaN : current.doubleValue();
        }).description(description).tags(tags).register(registry());
    }

    private static Instant parse(String timestamp) {
        try {
            return timestamp == null ? null : OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
