package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscordRepliesTest {

    @Test
    void theNonceOfAChunkFollowsFromTheResponseSoADuplicateSendIsRecognised() {
        String first = DiscordReplies.nonce("response_abc", 0);
        assertThat(first).isEqualTo(DiscordReplies.nonce("response_abc", 0));
        assertThat(first.length()).isLessThanOrEqualTo(25);
        assertThat(DiscordReplies.nonce("response_abc", 1)).isNotEqualTo(first);
        assertThat(DiscordReplies.nonce("response_abd", 0)).isNotEqualTo(first);
    }
}
