package routes.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.kafka.KafkaClientSettings;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;
import routes.schema.WireFormat;

class OptOutListTest {

    private final OptOutList list = new OptOutList(new WireFormat(), KafkaClientSettings.of("unused:1"), "unused", null);

    @Test
    void aMemberWhoOptedOutIsNotStoredAnywhereInTheirGuildOnly() {
        list.apply(choice(OptOut.USER, "frank", false, "2025-01-01T00:00:00Z"));
        assertThat(list.skipReason(message("frank", "general", null, "2025-06-01T00:00:00Z"))).isEqualTo(OptOutList.OPTED_OUT);
        assertThat(list.skipReason(message("grace", "general", null, "2025-06-01T00:00:00Z"))).isNull();
        DiscordMessage elsewhere = new DiscordMessage("9", "hi", "frank", "frank", "general", "2025-06-01T00:00:00Z", Map.of(), 1,
                DiscordMessage.CREATED, "other-guild", null, null, null, false, List.of(), null, null, null);
        assertThat(list.skipReason(elsewhere)).isNull();
    }

    @Test
    void rememberingLetsInOnlyWhatIsWrittenAfterIt() {
        list.apply(choice(OptOut.USER, "frank", true, "2025-06-01T00:00:00Z"));
        assertThat(list.skipReason(message("frank", "general", null, "2025-05-31T23:59:59Z"))).isEqualTo(OptOutList.OPTED_OUT);
        assertThat(list.skipReason(message("frank", "general", null, "2025-06-01T00:00:01Z"))).isNull();
    }

    @Test
    void anExcludedChannelCoversItsThreadsAndADeletionIsNeverRefused() {
        list.apply(choice(OptOut.CHANNEL, "old", false, "2025-01-01T00:00:00Z"));
        assertThat(list.skipReason(message("bob", "old", null, "2025-06-01T00:00:00Z"))).isEqualTo(OptOutList.EXCLUDED_CHANNEL);
        // a private thread is stored under its own id and names its parent
        DiscordMessage inPrivateThread = new DiscordMessage("8", "hi", "bob", "bob", "thread-1", "2025-06-01T00:00:00Z",
                Map.of(DiscordMessage.PARENT_CHANNEL, "old"), 1, DiscordMessage.CREATED, "g", null, "thread-1", null, false, List.of(),
                null, null, null);
        assertThat(list.skipReason(inPrivateThread)).isEqualTo(OptOutList.EXCLUDED_CHANNEL);
        DiscordMessage deletion = new DiscordMessage("7", "", "", "0", "old", "2025-06-01T00:00:00Z", Map.of(), 1,
                DiscordMessage.DELETED, "g", null, null, null, null, List.of(), null, null, null);
        assertThat(list.skipReason(deletion)).isNull();
    }

    @Test
    void theLatestChoicePerMemberWins() {
        list.applyRecord(new WireFormat().write(choice(OptOut.USER, "frank", false, "2025-01-01T00:00:00Z")));
        list.applyRecord(new WireFormat().write(choice(OptOut.USER, "frank", true, "2025-02-01T00:00:00Z")));
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.skipReason(message("frank", "general", null, "2025-03-01T00:00:00Z"))).isNull();
    }

    static OptOut choice(String subject, String id, boolean indexed, String at) {
        return new OptOut("g", subject, id, indexed, at, indexed ? "remember" : "forget", null, null, null, 1);
    }

    private static DiscordMessage message(String author, String channel, String thread, String at) {
        return new DiscordMessage("1", "hello", author, author, channel, at, Map.of(), 1, DiscordMessage.CREATED, "g", null, thread, null,
                false, List.of(), null, null, null);
    }
}
