package routes.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    // the Python system's records, exactly as it produced them (docs/ARCHITECTURE.md, "Wire contract")
    static final String PY_MESSAGE = """
            {"message_id": "1234567890", "content": "RTFM what is the API endpoint?", "username": "user#1234",
             "user_id": "987654321", "channel_id": "111222333", "timestamp": "2025-11-02T12:34:56.789Z",
             "metadata": {}}""";
    static final String PY_QUERY = """
            {"query_id": "query_abc123", "original_message_id": "1234567890", "question": "what is the API endpoint?",
             "username": "user#1234", "user_id": "987654321", "channel_id": "111222333",
             "timestamp": "2025-11-02T12:34:56.789Z", "context": {}}""";
    static final String PY_RESPONSE = """
            {"response_id": "response_xyz789", "query_id": "query_abc123", "original_message_id": "1234567890",
             "response_text": "The API endpoint is /api/v1/data", "channel_id": "111222333",
             "timestamp": "2025-11-02T12:34:57.123Z", "metadata": {"confidence": 0.95, "sources_count": 3}}""";
    static final String PY_DEAD_LETTER = """
            {"original_topic": "bot-queries", "message": {"query_id": "query_abc123", "...": "..."},
             "error": "Gemini timed out", "timestamp": "\\"2025-11-02T12:34:56.789Z\\""}""";

    private final WireFormat wire = new WireFormat();

    @Test
    void parsesThePythonSystemsRecords() {
        DiscordMessage message = wire.parseMessage(PY_MESSAGE);
        assertThat(message.messageId()).isEqualTo("1234567890");
        assertThat(message.eventOrDefault()).isEqualTo(DiscordMessage.CREATED);
        assertThat(message.guildId()).isNull();

        BotQuery query = wire.parseQuery(PY_QUERY);
        assertThat(query.question()).isEqualTo("what is the API endpoint?");
        assertThat(query.visibleChannelIds()).isNull();

        BotResponse response = wire.parseResponse(PY_RESPONSE);
        assertThat(response.responseText()).isEqualTo("The API endpoint is /api/v1/data");
        assertThat(response.metadata()).containsEntry("sources_count", 3);

        DeadLetter letter = wire.parse(PY_DEAD_LETTER, DeadLetter.class);
        assertThat(letter.originalTopic()).isEqualTo("bot-queries");
        assertThat(letter.timestamp()).isEqualTo("\"2025-11-02T12:34:56.789Z\"");
    }

    @Test
    void roundTripsEveryRecordWithItsNewFields() {
        DiscordMessage message = new DiscordMessage("1", "hello", "u", "2", "3", "2025-11-02T12:34:56.789Z", Map.of("channel_name", "general"),
                1, DiscordMessage.UPDATED, "9", "general", "7", "5", false,
                List.of(new DiscordMessage.Attachment("a1", "log.txt", "https://cdn/x", "text/plain")), "https://discord.com/channels/9/3/1", null, null);
        assertThat(wire.parseMessage(wire.write(message))).isEqualTo(message);

        BotQuery query = new BotQuery("q", "1", "why?", "u", "2", "3", "2025-11-02T12:34:56.789Z", Map.of("origin", "console"), 1, "9",
                List.of("3", "4"), null);
        assertThat(wire.parseQuery(wire.write(query))).isEqualTo(query);

        BotResponse response = new BotResponse("r", "q", "1", "because [1]", "3", "2025-11-02T12:34:57Z", Map.of("sources_count", 1), 1,
                BotResponse.GENERATED, List.of(new BotResponse.Source("5", "3", "u", "https://x", 0.81, "because")), "gemini-2.5-flash", 1200L);
        assertThat(wire.parseResponse(wire.write(response))).isEqualTo(response);

        DeadLetter letter = new DeadLetter("discord-messages", "{oops", "not JSON", "2025-11-02T12:34:57Z", 2, 17L, "k",
                "routes.schema.InvalidRecordException", 1, null, null);
        assertThat(wire.parse(wire.write(letter), DeadLetter.class)).isEqualTo(letter);
    }

    @Test
    void aTombstoneInTheLogDeletesTheMessageItIsKeyedBy() {
        DiscordMessage tombstone = wire.parseLogRecord(null, "1234567890");
        assertThat(tombstone.isDeletion()).isTrue();
        assertThat(tombstone.messageId()).isEqualTo("1234567890");
        assertThatThrownBy(() -> wire.parseLogRecord(null, null)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("no key");
    }

    @Test
    void aLogRecordWithoutAKeyIsTakenUnderItsOwnMessageId() {
        DiscordMessage message = wire.parseLogRecord(PY_MESSAGE, null);
        assertThat(message.messageId()).isEqualTo("1234567890");
        assertThat(message.isDeletion()).isFalse();
        assertThat(wire.parseLogRecord(PY_MESSAGE, "1234567890").messageId()).isEqualTo("1234567890");
    }

    @Test
    void aLogRecordKeyedByAnotherMessageIsRefusedNamingBoth() {
        assertThatThrownBy(() -> wire.parseLogRecord(PY_MESSAGE, "1234567891")).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("'1234567891'").hasMessageContaining("'1234567890'");
        // an empty key is a key, and not the message's
        assertThatThrownBy(() -> wire.parseLogRecord(PY_MESSAGE, "")).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> wire.parseLogRecord("", null)).isInstanceOf(InvalidRecordException.class).hasMessageContaining("empty");
    }

    @Test
    void keepsReadingRecordsWithFieldsItDoesNotKnow() {
        String withExtra = PY_MESSAGE.replace("\"metadata\": {}", "\"metadata\": {}, \"future_field\": [1, 2]");
        assertThat(wire.parseMessage(withExtra).content()).isEqualTo("RTFM what is the API endpoint?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_id", "content", "username", "user_id", "channel_id", "timestamp"})
    void aMessageMissingARequiredFieldIsRejectedNamingIt(String field) throws Exception {
        ObjectNode node = (ObjectNode) WireFormat.mapper().readTree(PY_MESSAGE);
        node.remove(field);
        assertThatThrownBy(() -> wire.parseMessage(node.toString()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"query_id", "original_message_id", "question", "username", "user_id", "channel_id", "timestamp", "context"})
    void aQueryMissingARequiredFieldIsRejectedNamingIt(String field) throws Exception {
        ObjectNode node = (ObjectNode) WireFormat.mapper().readTree(PY_QUERY);
        node.remove(field);
        assertThatThrownBy(() -> wire.parseQuery(node.toString())).isInstanceOf(InvalidRecordException.class).hasMessageContaining(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"response_id", "query_id", "original_message_id", "response_text", "channel_id", "timestamp", "metadata"})
    void aResponseMissingARequiredFieldIsRejectedNamingIt(String field) throws Exception {
        ObjectNode node = (ObjectNode) WireFormat.mapper().readTree(PY_RESPONSE);
        node.remove(field);
        assertThatThrownBy(() -> wire.parseResponse(node.toString())).isInstanceOf(InvalidRecordException.class).hasMessageContaining(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"original_topic", "message", "error", "timestamp"})
    void aDeadLetterMissingARequiredFieldIsRejectedNamingIt(String field) throws Exception {
        ObjectNode node = (ObjectNode) WireFormat.mapper().readTree(PY_DEAD_LETTER);
        node.remove(field);
        assertThatThrownBy(() -> wire.parse(node.toString(), DeadLetter.class)).isInstanceOf(InvalidRecordException.class).hasMessageContaining(field);
    }

    @Test
    void rejectsWhatIsNotJsonOrHasTheWrongTypes() {
        assertThatThrownBy(() -> wire.parseMessage("{not json")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> wire.parseMessage("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> wire.parseMessage(PY_MESSAGE.replace("\"2025-11-02T12:34:56.789Z\"", "\"yesterday\"")))
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> wire.parseMessage(PY_MESSAGE.replace("\"metadata\": {}", "\"event\": \"exploded\"")))
                .hasMessageContaining("event");
    }

    @Test
    void refusesToWriteARecordItWouldReject() {
        DiscordMessage broken = new DiscordMessage(null, "x", "u", "1", "2", "2025-11-02T12:34:56.789Z", null, 1, null, null, null,
                null, null, null, null, null, null, null);
        assertThatThrownBy(() -> wire.write(broken)).isInstanceOf(InvalidRecordException.class).hasMessageContaining("message_id");
    }
}
