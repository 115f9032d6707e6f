package routes.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a DiscordChatExporter JSON export into wire-format messages, in the order they were sent.
 * Replies name their parent; its text is found in the store at ingest, as for any gateway.
 */
public final class DiscordChatExport {

    private DiscordChatExport() {
    }

    public static List<DiscordMessage> read(java.nio.file.Path file) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<DiscordMessage> read(InputStream in) {
        try {
            JsonNode export = WireFormat.mapper().readTree(in);
            String guildId = export.path("guild").path("id").asText();
            String channelId = export.path("channel").path("id").asText();
            String channelName = export.path("channel").path("name").asText();
            if (!export.path("messages").isArray()) {
                throw new IllegalArgumentException("not a DiscordChatExporter JSON export: no 'messages' array");
            }
            List<DiscordMessage> messages = new ArrayList<>();
            for (JsonNode m : export.path("messages")) {
                String id = m.path("id").asText();
                JsonNode reference = m.path("reference");
                messages.add(new DiscordMessage(id, m.path("content").asText(""), m.path("author").path("name").asText(),
                        m.path("author").path("id").asText(), channelId, m.path("timestamp").asText(),
                        Map.of("channel_name", channelName), WireFormat.SCHEMA_VERSION, DiscordMessage.CREATED, guildId,
                        channelName, null, reference.isMissingNode() ? null : reference.path("messageId").asText(null),
                        m.path("author").path("isBot").asBoolean(false), List.of(),
                        "https://discord.com/channels/" + guildId + "/" + channelId + "/" + id, null, null));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
