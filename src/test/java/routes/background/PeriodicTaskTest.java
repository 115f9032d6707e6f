package routes.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;

/** A background task that fails keeps being tried, after the backoff rather than a period later, and health says so meanwhile. */
class PeriodicTaskTest {

    @Test
    void failuresAreRetriedAfterTheBackoffAndShowInHealthUntilARunSucceeds() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        // fails with an exception nobody expects, then with an Error, then works
        PeriodicTask task = new PeriodicTask("test-task", Duration.ofHours(1), () -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new IllegalStateException("Chroma answered 500");
            }
            if (run == 2) {
                throw new NoClassDefFoundError("a class that failed to load");
            }
        });
        AbstractHealthCheck health = task.healthCheck();
        health.setCamelContext(new DefaultCamelContext());
        task.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1 && health.call().getState() == HealthCheck.State.DOWN);
            assertThat(health.call().getDetails()).containsEntry("failure", "IllegalStateException: Chroma answered 500");
            // 1 s, then 2 s of backoff: the third run comes within seconds though the period is an hour
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 3 && health.call().getState() == HealthCheck.State.UP);
            assertThat(health.call().getDetails()).doesNotContainKey("failure");
        } finally {
            task.stop();
        }
    }

    @Test
    void stopsPromptlyEvenDuringABackoff() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("test-stop", Duration.ofHours(1), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("always");
        });
        task.start();
        // it has failed once, so it is waiting out its backoff now
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
        long before = System.nanoTime();
        task.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
    }
}
