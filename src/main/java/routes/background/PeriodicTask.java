package routes.background;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run on a daemon thread at start and then every period, that keeps going through any error:
 * a failed run is tried again after the {@link Backoff} (1 s doubling to 30 s), not a whole period
 * later. Its health check [rtfm/&lt;name&gt;] is DOWN while the last run failed, with the reason and the
 * age of the last good run.
 */
public class PeriodicTask extends ServiceSupport {

    /** One run; whatever it throws is logged, reported and retried. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration period;
    private final Task task;
    private volatile Instant lastSuccess;
    private volatile String failure;
    private Thread thread;

    /** @param name names the thread and the health check (e.g. "helper-record") */
    public PeriodicTask(String name, Duration period, Task task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(name + ": the period must be positive, got " + period);
        }
        this.name = name;
        this.period = period;
        this.task = task;
    }

    /** Runs the task now, on the caller's thread (eval, once its messages are in): false, with the reason reported, if it failed. */
    public boolean runNow() {
        try {
            task.run();
            lastSuccess = Instant.now();
            if (failure != null) {
                LOG.info("{} works again", name);
            }
            failure = null;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception | Error e) {
            // an Error too: a loop that ended on one would leave its last good state in health for ever
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            return false;
        }
    }

    @Override
    protected void doStart() {
        thread = new Thread(this::loop, "rtfm-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Backoff backoff = new Backoff();
        try {
            while (isRunAllowed()) {
                if (runNow()) {
                    backoff.reset();
                    Thread.sleep(period.toMillis());
                } else if (!Thread.currentThread().isInterrupted()) {
                    LOG.warn("{} failed ({}); trying again in {} s", name, failure, backoff.next().toSeconds());
                    backoff.pause();
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    public AbstractHealthCheck healthCheck() {
        return new AbstractHealthCheck("rtfm", name) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                Instant last = lastSuccess;
                builder.detail("last_success_age_ms", last == null ? -1 : Duration.between(last, Instant.now()).toMillis());
                if (failure == null) {
                    builder.up();
                } else {
                    builder.detail("failure", failure).down();
                }
            }
        };
    }
}
