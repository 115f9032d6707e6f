package routes.discord;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** At most {@code perMinute} questions per user in any sliding minute; the rest get a polite notice, not a queue. */
public final class QuestionLimiter {

    private static final long MINUTE_MS = 60_000;

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> asked = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public QuestionLimiter(int perMinute, LongSupplier clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("rtfm.discord.questions-per-minute must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public boolean tryAcquire(String userId) {
        long now = clock.getAsLong();
        forgetIdle(now);
        Deque<Long> times = asked.computeIfAbsent(userId, id -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= MINUTE_MS) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** Users who asked within the last minute: nobody else is remembered. */
    int trackedUsers() {
        return asked.size();
    }

    /** At most once a minute, forgets everyone whose questions are all older than a minute. */
    private void forgetIdle(long now) {
        if (now - lastSweep < MINUTE_MS) {
            return;
        }
        lastSweep = now;
        asked.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                Long newest = entry.getValue().peekLast();
                return newest == null || now - newest >= MINUTE_MS;
            }
        });
    }
}
