package routes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/** Reads a DiscordChatExporter JSON export into wire-format messages. */
public final class DiscordExport {

    public static final String SAMPLE = "/data/llamaindex-help-sample.json";

    private DiscordExport() {
    }

    public static List<DiscordMessage> load(String resource) {
        try (InputStream in = DiscordExport.class.getResourceAsStream(resource)) {
            JsonNode export = WireFormat.mapper().readTree(in);
            String guildId = export.path("guild").path("id").asText();
            String channelId = export.path("channel").path("id").asText();
            String channelName = export.path("channel").path("name").asText();
            List<DiscordMessage> messages = new ArrayList<>();
            for (JsonNode m : export.path("messages")) {
                String id = m.path("id").asText();
                JsonNode reference = m.path("reference");
                messages.add(new DiscordMessage(id, m.path("content").asText(""), m.path("author").path("name").asText(),
                        m.path("author").path("id").asText(), channelId, m.path("timestamp").asText(),
                        Map.of("channel_name", channelName), WireFormat.SCHEMA_VERSION, DiscordMessage.CREATED, guildId,
                        channelName, null, reference.isMissingNode() ? null : reference.path("messageId").asText(null),
                        m.path("author").path("isBot").asBoolean(false), List.of(),
                        "https://discord.com/channels/" + guildId + "/" + channelId + "/" + id));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
