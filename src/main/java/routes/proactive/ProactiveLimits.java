package routes.proactive;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How often the bot may post an answer nobody asked for: at most one per thread, and at most
 * rtfm.autoanswer.per-channel-per-hour in a channel (its threads included) in any hour. Counted when
 * an answer is posted, not when a question is noticed: a question held back costs nothing.
 */
public class ProactiveLimits {

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /**
     * Threads remembered as answered: the most recent ones. Even at the hourly cap in many channels
     * this spans weeks, and a thread quiet that long is rarely asked in again.
     */
    static final int REMEMBERED_THREADS = 10_000;

    private final int perChannelPerHour;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> posted = new HashMap<>();
    private final Map<String, Boolean> threads = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_THREADS;
        }
    };

    public ProactiveLimits(int perChannelPerHour, LongSupplier clock) {
        if (perChannelPerHour < 0) {
            throw new IllegalArgumentException("rtfm.autoanswer.per-channel-per-hour must not be negative, got " + perChannelPerHour);
        }
        this.perChannelPerHour = perChannelPerHour;
        this.clock = clock;
    }

    /**
     * Takes a place for one proactive answer, or says there is none.
     *
     * @param channelId the channel it answers in (a thread's parent)
     * @param threadId  the thread it is posted in, or null when it is posted in the channel itself
     */
    public synchronized boolean tryPost(String channelId, String threadId) {
        if (threadId != null && threads.containsKey(threadId)) {
            return false;
        }
        long now = clock.getAsLong();
        Deque<Long> times = posted.computeIfAbsent(channelId, id -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - HOUR_MS) {
            times.pollFirst();
        }
        if (times.size() >= perChannelPerHour) {
            return false;
        }
        times.addLast(now);
        if (threadId != null) {
            threads.put(threadId, Boolean.TRUE);
        }
        return true;
    }
}
