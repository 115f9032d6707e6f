package routes.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;
import routes.schema.WireFormat;

class PrivacyRequestsTest {

    private final PrivacyRequests requests = new PrivacyRequests();

    @Test
    void aForgottenMemberIsLookedUpByAuthorInTheirGuildAndAChannelWithItsThreads() throws Exception {
        JsonNode user = WireFormat.mapper().readTree(requests.storedLookup(OptOutListTest.choice(OptOut.USER, "frank", false, "2025-01-01T00:00:00Z")));
        assertThat(user.path("where").toString()).contains("\"guild_id\":{\"$eq\":\"g\"}").contains("\"author_id\":{\"$eq\":\"frank\"}");
        JsonNode channel = WireFormat.mapper().readTree(requests.storedLookup(
                OptOutListTest.choice(OptOut.CHANNEL, "old", false, "2025-01-01T00:00:00Z")));
        assertThat(channel.path("where").toString()).contains("channel_id").contains("thread_id").contains(DiscordMessage.PARENT_CHANNEL);
        assertThat(requests.storedLookup(OptOutListTest.choice(OptOut.USER, "frank", true, "2025-01-01T00:00:00Z"))).isNull();
    }

    @Test
    void eachStoredMessageBecomesADeletionRecordInItsChannel() throws Exception {
        OptOut forget = OptOutListTest.choice(OptOut.USER, "frank", false, "2025-01-01T00:00:00Z");
        List<DiscordMessage> removals = requests.removals("""
                {"ids": ["1", "2"], "metadatas": [{"channel_id": "general"}, {"channel_id": "random"}]}""", forget);
        assertThat(removals).extracting(DiscordMessage::messageId).containsExactly("1", "2");
        assertThat(removals).extracting(DiscordMessage::channelId).containsExactly("general", "random");
        assertThat(removals).allMatch(DiscordMessage::isDeletion);
        removals.forEach(new WireFormat()::write);
        assertThat(requests.removals(null, forget)).isEmpty();
    }

    @Test
    void whoAskedHearsTheCountUnderTheRequestsIdAndNobodyElse() {
        OptOut asked = new OptOut("g", OptOut.USER, "frank", false, "2025-01-01T00:00:00Z", "forget", "frank", "request_1",
                Map.of("origin", "discord", "reply_channel_id", "general"), 1);
        BotResponse notice = requests.confirmation(asked, List.of(deletion("1"), deletion("2")));
        assertThat(notice.mode()).isEqualTo(BotResponse.NOTICE);
        assertThat(notice.queryId()).isEqualTo("request_1");
        assertThat(notice.responseId()).isEqualTo(BotResponse.idFor("request_1"));
        assertThat(notice.responseText()).contains("removed 2 messages");
        assertThat(notice.channelId()).isEqualTo("general");
        new WireFormat().write(notice);
        assertThat(requests.confirmation(OptOutListTest.choice(OptOut.CHANNEL, "old", false, "2025-01-01T00:00:00Z"), List.of())).isNull();
    }

    private static DiscordMessage deletion(String id) {
        return new DiscordMessage(id, "", "", "0", "general", "2025-01-01T00:00:00Z", Map.of(), 1, DiscordMessage.DELETED, "g", null, null,
                null, null, List.of(), null, null, null);
    }
}
