package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.events.Event;
import org.junit.jupiter.api.Test;

/** The bot's event table hands each event to every handler of its type or a supertype, in order, past a failing one. */
class EventRoutesTest {

    static class Chat extends Event {
        Chat() {
            super(null, 1);
        }
    }

    static final class Edit extends Chat {
    }

    static final class Click extends Event {
        Click() {
            super(null, 2);
        }
    }

    @Test
    void eachEventReachesTheHandlersOfItsTypeInOrderEvenPastAFailingOne() {
        List<String> seen = new ArrayList<>();
        EventRoutes routes = new EventRoutes()
                .on(Chat.class, event -> seen.add("chat:" + event.getClass().getSimpleName()))
                .on(Edit.class, event -> {
                    throw new IllegalStateException("a handler that fails");
                })
                .on(Edit.class, event -> seen.add("edit"))
                .on(Click.class, event -> seen.add("click"));

        routes.onEvent(new Chat());
        routes.onEvent(new Edit());
        routes.onEvent(new Click());

        assertThat(seen).containsExactly("chat:Chat", "chat:Edit", "edit", "click");
    }
}
