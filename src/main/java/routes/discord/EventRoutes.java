package routes.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDA listener that hands each event to the handlers registered for its type or a supertype, in the
 * order they were registered: the bot's table of what it listens to, read in one place (BotEvents)
 * instead of spread over listener classes that each pick their events.
 */
final class EventRoutes implements EventListener {

    private record Route<T extends GenericEvent>(Class<T> type, Consumer<? super T> handler) {
        void offer(GenericEvent event) {
            if (type.isInstance(event)) {
                handler.accept(type.cast(event));
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);

    private final List<Route<?>> routes = new ArrayList<>();

    <T extends GenericEvent> EventRoutes on(Class<T> type, Consumer<? super T> handler) {
        routes.add(new Route<>(type, handler));
        return this;
    }

    @Override
    public void onEvent(GenericEvent event) {
        for (Route<?> route : routes) {
            try {
                route.offer(event);
            } catch (RuntimeException e) {
                // as JDA does between listeners: one handler's failure does not keep the event from the next
                LOG.error("Handling {} failed", event.getClass().getSimpleName(), e);
            }
        }
    }
}
