package routes.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Reads and writes the wire records. Every route that reads a topic parses through here, so a
 * record either matches its JSON Schema or fails with a message naming what is wrong.
 */
public final class WireFormat {

    public static final int SCHEMA_VERSION = 1;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            // fields added by newer producers must not break older consumers
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<Class<?>, JsonSchema> schemas = Map.of(DiscordMessage.class, load("discord-message"),
            BotQuery.class, load("bot-query"), BotResponse.class, load("bot-response"), DeadLetter.class, load("dead-letter"),
            OptOut.class, load("opt-out"), Feedback.class, load("feedback"), ChannelSetting.class, load("channel-setting"));
    private final int maxRecordBytes;

    /** With the default record limit (1 MiB, the broker's default message size). */
    public WireFormat() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes rtfm.max-record-bytes: a larger record is refused, read or written */
    public WireFormat(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A wire record of the given type, checked against that type's schema. */
    public <T> T parse(String json, Class<T> type) {
        JsonSchema schema = schemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " is not a wire record");
        }
        return read(json, schema, type);
    }

    public DiscordMessage parseMessage(String json) {
        return parse(json, DiscordMessage.class);
    }

    /**
     * A discord-messages record as ingest reads it. A tombstone (an operator's purge) deletes the message it is keyed
     * by. A record without a key is taken under its own message_id: a producer that does not key (a topic with the
     * delete policy accepts that) loses nothing. A key that names another message is refused, because compaction and
     * later edits would then keep two versions of one message apart.
     */
    public DiscordMessage parseLogRecord(@Body String json, @Header(KafkaConstants.KEY) String key) {
        if (json == null) {
            if (key == null) {
                throw new InvalidRecordException("DiscordMessage tombstone has no key: it names no message to delete");
            }
            return DiscordMessage.deletionOf(key);
        }
        DiscordMessage message = parseMessage(json);
        if (key != null && !key.equals(message.messageId())) {
            throw new InvalidRecordException("DiscordMessage key '" + key + "' does not match its message_id '" + message.messageId()
                    + "' (discord-messages is keyed by message_id)");
        }
        return message;
    }

    /** For routes.yaml, which names the method. */
    public BotQuery parseQuery(String json) {
        return parse(json, BotQuery.class);
    }

    /** For routes.yaml, which names the method. */
    public BotResponse parseResponse(String json) {
        return parse(json, BotResponse.class);
    }

    /** Serialises a record after checking it against its own schema: we never publish what we would reject. */
    public String write(Object record) {
        JsonNode node = MAPPER.valueToTree(record);
        JsonSchema schema = schemaFor(record);
        if (schema != null) {
            check(node, schema, record.getClass().getSimpleName());
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + record.getClass().getSimpleName(), e);
        }
    }

    /** Parses JSON without a schema, for the original record inside a dead letter; null when it is not JSON. */
    public static JsonNode tryParse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private JsonSchema schemaFor(Object record) {
        return record == null ? null : schemas.get(record.getClass());
    }

    private <T> T read(String json, JsonSchema schema, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidRecordException(type.getSimpleName() + " is empty");
        }
        int size = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > maxRecordBytes) {
            throw new InvalidRecordException(type.getSimpleName() + " of " + size + " bytes is over the limit of " + maxRecordBytes
                    + " (rtfm.max-record-bytes)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(type.getSimpleName() + " is not valid JSON: " + e.getOriginalMessage());
        }
        check(node, schema, type.getSimpleName());
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(type.getSimpleName() + " does not map: " + e.getOriginalMessage());
        }
    }

    private static void check(JsonNode node, JsonSchema schema, String what) {
        Set<ValidationMessage> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            String reasons = errors.stream()
                    .map(ValidationMessage::getMessage)
                    // root-level messages come with an empty location, e.g. ": required property 'content' not found"
                    .map(message -> message.startsWith(": ") ? message.substring(2) : message)
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining("; "));
            throw new InvalidRecordException(what + " breaks its schema: " + reasons);
        }
    }

    private static JsonSchema load(String name) {
        String path = "/schemas/" + name + ".schema.json";
        try (InputStream in = WireFormat.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + path);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
