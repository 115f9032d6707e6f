package routes.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.DiscordMessage;

/** A help channel by hand: q asked, a and b replied to it, t is a thread under r, u stands alone. */
class FirstPlaceTest {

    private static DiscordMessage message(String id, String replyTo, String thread) {
        return new DiscordMessage(id, "text " + id, "ana", "7", "help", "2025-01-01T00:00:00Z", Map.of(), 1, DiscordMessage.CREATED, "g",
                "help", thread, replyTo, false, List.of(), null, null, null);
    }

    private final FirstPlace firstPlace = new FirstPlace(List.of(message("q", null, null), message("a", "q", null),
            message("b", "q", null), message("r", null, null), message("t", null, "r"), message("u", null, null)));

    @Test
    void saysWhatTookFirstPlace() {
        assertThat(firstPlace.kind("q", List.of("a"))).isEqualTo(FirstPlace.THE_QUESTION);
        assertThat(firstPlace.kind("b", List.of("a"))).isEqualTo(FirstPlace.A_SIBLING);
        // a thread's message continues its starter, which is a conversation of its own
        assertThat(firstPlace.kind("t", List.of("a"))).isEqualTo(FirstPlace.ANOTHER_CONVERSATION);
        assertThat(firstPlace.kind("r", List.of("a"))).isEqualTo(FirstPlace.ANOTHER_CONVERSATION);
        assertThat(firstPlace.kind("r", List.of("t"))).isEqualTo(FirstPlace.THE_QUESTION);
        assertThat(firstPlace.kind("u", List.of("a"))).isEqualTo(FirstPlace.UNRELATED);
    }
}
