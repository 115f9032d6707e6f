package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotResponse;

class ReplyFormatterTest {

    @Test
    void anAnswerListsItsSourcesAsNumberedJumpLinks() {
        BotResponse response = new BotResponse("r", "q", "m", "Set max_tokens on the LLM [1].", "c", "2025-11-02T12:34:57Z", Map.of(), 1,
                BotResponse.GENERATED, List.of(new BotResponse.Source("5", "c", "ana", "https://discord.com/channels/1/2/5", 0.8, "x")),
                "gemini-2.5-flash", 10L);
        assertThat(ReplyFormatter.render(response))
                .isEqualTo("Set max_tokens on the LLM [1].\n\nSources:\n[1] ana — <https://discord.com/channels/1/2/5>");
    }

    @Test
    void longAnswersSplitOnLineBoundariesIntoDiscordSizedChunks() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            text.append("line ").append(i).append(" of a long answer that keeps going and going\n");
        }
        text.append("x".repeat(4500));
        List<String> chunks = ReplyFormatter.chunks(text.toString(), ReplyFormatter.DISCORD_LIMIT);
        assertThat(chunks).allMatch(chunk -> chunk.length() <= ReplyFormatter.DISCORD_LIMIT);
        assertThat(String.join("\n", chunks).replace("\n", "")).isEqualTo(text.toString().replace("\n", ""));
        assertThat(chunks.get(0)).endsWith("going").doesNotEndWith("\n");
        assertThat(chunks).hasSizeGreaterThan(4);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        // 🚀 is two chars; placed so that a plain cut at the limit would fall between them
        String line = "a".repeat(ReplyFormatter.DISCORD_LIMIT - ReplyFormatter.FENCE_ROOM - 1) + "🚀🚀🚀";
        List<String> chunks = ReplyFormatter.chunks(line, ReplyFormatter.DISCORD_LIMIT);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
            assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
        });
        assertThat(String.join("", chunks)).isEqualTo(line);
    }

    @Test
    void aCodeBlockSplitAcrossChunksIsClosedAndReopenedWithItsLanguage() {
        StringBuilder text = new StringBuilder("Try this:\n```python\n");
        for (int i = 0; i < 150; i++) {
            text.append("index = VectorStoreIndex.from_documents(docs)  # line ").append(i).append('\n');
        }
        text.append("```\nThat's it [1].");
        List<String> chunks = ReplyFormatter.chunks(text.toString(), ReplyFormatter.DISCORD_LIMIT);
        assertThat(chunks).hasSizeGreaterThan(2);
        for (String chunk : chunks) {
            assertThat(chunk.length()).isLessThanOrEqualTo(ReplyFormatter.DISCORD_LIMIT);
            assertThat(ReplyFormatter.openFence(chunk)).as(chunk).isNull();
        }
        assertThat(chunks.get(1)).startsWith("```python\n");
        assertThat(chunks.get(chunks.size() - 1)).endsWith("That's it [1].");
    }
}
