package routes.discord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import routes.schema.BotQuery;

/**
 * The slash commands (/ask, /forget, ...) waiting for their answer, by query or request id. Discord keeps an interaction's hook
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

    /** Waits for the answer to this slash command under {@code id}; returns the reply context the answer must carry back. */
    Map<String, Object> awaitAnswer(String id, SlashCommandInteractionEvent event, boolean onlyAsker) {
        add(id, event.getHook());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(BotQuery.ORIGIN, DiscordIntake.ORIGIN);
        context.put(DiscordEvents.REPLY_CHANNEL, event.getChannel().getId());
        context.put(SlashAsk.REPLY_INTERACTION, true);
        context.put(SlashAsk.REPLY_PRIVATE, onlyAsker);
        return context;
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
