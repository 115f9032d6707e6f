package routes.gemini;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Shows the state of Gemini's circuit breaker (routes.yaml, gemini-breaker) in /observe/health. It
 * is always UP: with the breaker open RTFM still answers (with the sources), so it stays ready.
 */
public class GeminiBreakerHealthCheck extends AbstractHealthCheck {

    public static final String BREAKER_ID = "gemini-breaker";

    private final CamelContext context;

    public GeminiBreakerHealthCheck(CamelContext context) {
        super("rtfm", BREAKER_ID);
        this.context = context;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ResilienceProcessor breaker = context.getProcessor(BREAKER_ID, ResilienceProcessor.class);
        if (breaker != null && breaker.getCircuitBreaker() != null) {
            builder.detail("state", breaker.getCircuitBreakerState());
            builder.detail("failure_rate", breaker.getFailureRate());
            builder.detail("not_permitted_calls", breaker.getNumberOfNotPermittedCalls());
        } else {
            builder.detail("state", "not started yet");
        }
        builder.up();
    }
}
