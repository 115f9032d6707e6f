package routes.discord;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The /ask interactions waiting for their answer, by query id. Discord keeps an interaction's hook
 * for 15 minutes; after 14 the answer goes to the channel instead.
 */
public final class PendingInteractions {

    static final Duration HOOK_LIFETIME = Duration.ofMinutes(14);

    private record Pending(InteractionHook hook, long createdMs) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public PendingInteractions(LongSupplier clock) {
        this.clock = clock;
    }

    void add(String queryId, InteractionHook hook) {
        long now = clock.getAsLong();
        // an interaction whose answer never came (a lost query, a restart elsewhere) is forgotten once its hook is dead
        pending.values().removeIf(waiting -> now - waiting.createdMs() >= HOOK_LIFETIME.toMillis());
        pending.put(queryId, new Pending(hook, now));
    }

    int size() {
        return pending.size();
    }

    /** The hook to answer through, or null when there is none or it has expired; either way it is forgotten. */
    InteractionHook take(String queryId) {
        Pending found = pending.remove(queryId);
        return found != null && clock.getAsLong() - found.createdMs() < HOOK_LIFETIME.toMillis() ? found.hook() : null;
    }
}
