package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.DeadLetter;
import routes.schema.WireFormat;

class DeadLetterStoreTest {

    @Test
    void aReplayedQuestionIsMarkedLateAndAnyOtherRecordTravelsAsItWas() throws Exception {
        DeadLetter question = new DeadLetter("bot-queries", Map.of("query_id", "q1", "question", "when?", "context", Map.of("origin", "discord")),
                "503", "2025-11-02T12:34:56Z", 0, 1L, "general", "x", 6, null, null);
        JsonNode replayed = WireFormat.mapper().readTree(DeadLetterStore.original(question));
        assertThat(replayed.path("context").path(BotQuery.LATE_ANSWER).asBoolean()).isTrue();
        assertThat(replayed.path("context").path("origin").asText()).isEqualTo("discord");

        DeadLetter message = new DeadLetter("discord-messages", Map.of("message_id", "1", "content", "hi"), "bad", "2025-11-02T12:34:56Z",
                0, 1L, "1", "x", 1, null, null);
        assertThat(WireFormat.mapper().readTree(DeadLetterStore.original(message)).has("context")).isFalse();
        DeadLetter notJson = new DeadLetter("discord-messages", "{broken", "bad", "2025-11-02T12:34:56Z", 0, 1L, "1", "x", 1, null, null);
        assertThat(DeadLetterStore.original(notJson)).isEqualTo("{broken");
    }
}
