package routes.schema;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a DiscordChatExporter JSON export into wire-format messages, in the order they were sent,
 * one message at a time: a 1 GB export needs no 1 GB heap. Replies carry the text they reply to
 * when it was among the recent messages of the file; otherwise ingest finds it in the store.
 */
public final class DiscordChatExport {

    /** Message types that are knowledge; the others (ThreadCreated, ChannelPinnedMessage, joins...) are system notices. */
    public static final Set<String> KNOWLEDGE_TYPES = Set.of("Default", "Reply");
    /** How many recent messages' texts are kept to give replies their context. */
    private static final int RECENT = 10_000;

    private DiscordChatExport() {
    }

    /** What a read found: the messages handed on and the system notices left out. */
    public record Summary(long messages, long systemNotices) {
    }

    /** A file that is not a readable export: the file and where in it, for the operator to look. */
    public static final class InvalidExportException extends RuntimeException {
        public InvalidExportException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Every message of the export, system notices included (the eval command's view). */
    public static List<DiscordMessage> read(Path file) {
        List<DiscordMessage> messages = new ArrayList<>();
        stream(file, false, messages::add);
        return messages;
    }

    public static List<DiscordMessage> read(InputStream in) {
        List<DiscordMessage> messages = new ArrayList<>();
        stream("export", in, false, messages::add);
        return messages;
    }

    /** Hands each message of the file to the consumer, only knowledge when knowledgeOnly. */
    public static Summary stream(Path file, boolean knowledgeOnly, Consumer<DiscordMessage> consumer) {
        try (InputStream in = Files.newInputStream(file)) {
            return stream(file.toString(), in, knowledgeOnly, consumer);
        } catch (IOException e) {
            throw new InvalidExportException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The same from a stream; name says which file, in errors. */
    public static Summary stream(String name, InputStream in, boolean knowledgeOnly, Consumer<DiscordMessage> consumer) {
        try (JsonParser parser = WireFormat.mapper().getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(name, parser, "not a DiscordChatExporter JSON export: it is not a JSON object");
            }
            JsonNode guild = null;
            JsonNode channel = null;
            boolean sawMessages = false;
            long handed = 0;
            long notices = 0;
            Map<String, String> recent = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > RECENT;
                }
            };
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("guild".equals(field)) {
                    guild = parser.readValueAsTree();
                } else if ("channel".equals(field)) {
                    channel = parser.readValueAsTree();
                } else if ("messages".equals(field) && parser.currentToken() == JsonToken.START_ARRAY) {
                    if (guild == null || channel == null) {
                        throw invalid(name, parser, "not a DiscordChatExporter JSON export: 'messages' comes before 'guild' and 'channel'");
                    }
                    sawMessages = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode m = parser.readValueAsTree();
                        String type = m.path("type").asText("Default");
                        if (knowledgeOnly && !KNOWLEDGE_TYPES.contains(type)) {
                            notices++;
                            continue;
                        }
                        DiscordMessage message = toMessage(m, guild, channel, recent);
                        recent.put(message.messageId(), message.content());
                        consumer.accept(message);
                        handed++;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (!sawMessages) {
                throw invalid(name, parser, "not a DiscordChatExporter JSON export: no 'messages' array");
            }
            return new Summary(handed, notices);
        } catch (JsonParseException e) {
            throw new InvalidExportException(name + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    private static InvalidExportException invalid(String name, JsonParser parser, String why) {
        return new InvalidExportException(name + " (line " + parser.currentLocation().getLineNr() + "): " + why, null);
    }

    private static DiscordMessage toMessage(JsonNode m, JsonNode guild, JsonNode channel, Map<String, String> recent) {
        String guildId = guild.path("id").asText();
        String channelId = channel.path("id").asText();
        String channelName = channel.path("name").asText();
        String id = m.path("id").asText();
        JsonNode reference = m.path("reference");
        String replyTo = reference.isMissingNode() || reference.isNull() ? null : reference.path("messageId").asText(null);
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("channel_name", channelName);
        List<String> mentioned = new java.util.ArrayList<>();
        m.path("mentions").forEach(member -> mentioned.add(member.path("id").asText()));
        if (!mentioned.isEmpty()) {
            metadata.put(DiscordMessage.MENTIONS, mentioned);
        }
        return new DiscordMessage(id, m.path("content").asText(""), m.path("author").path("name").asText(),
                m.path("author").path("id").asText(), channelId, m.path("timestamp").asText(),
                metadata, WireFormat.SCHEMA_VERSION, DiscordMessage.CREATED, guildId,
                channelName, null, replyTo, m.path("author").path("isBot").asBoolean(false), List.of(),
                "https://discord.com/channels/" + guildId + "/" + channelId + "/" + id, replyTo == null ? null : recent.get(replyTo), null);
    }
}
