package routes.background;

import java.time.Duration;

/**
 * How a background loop waits between failed attempts: 1 s, doubling to at most 30 s, and back to
 * 1 s after a success. One rule for every loop (the compacted-topic followers, the question log's
 * migration), so none retries in a tight loop and none gives up.
 */
public final class Backoff {

    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The wait before the next attempt. */
    public Duration next() {
        return next;
    }

    /** Waits the current delay, then doubles it (up to MAX) for the attempt after. */
    public void pause() throws InterruptedException {
        Thread.sleep(next.toMillis());
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
    }

    public void reset() {
        next = FIRST;
    }
}
