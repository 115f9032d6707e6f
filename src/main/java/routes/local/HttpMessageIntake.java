package routes.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import routes.gateway.GatewayContext;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/** POST /api/messages: chat messages taken in over HTTP, for discord-in, as the HTTP gateway's. */
public class HttpMessageIntake {

    /** The most messages one POST may carry: a bigger history goes through `import`. */
    static final int MAX_MESSAGES = 1000;

    private final WireFormat wireFormat;
    private final ApiExposure exposure;

    public HttpMessageIntake(WireFormat wireFormat, ApiExposure exposure) {
        this.wireFormat = wireFormat;
        this.exposure = exposure;
    }

    /**
     * The messages of a POST to /api/messages: one DiscordMessage, or a JSON array of them. Every one
     * is checked before any is taken in, so a rejected request took in nothing.
     */
    public List<DiscordMessage> messages(@Body String json, Exchange exchange) {
        if (exposure.beyondLocalMode() && !exposure.messageIntake()) {
            // next to Discord, knowledge comes from Discord: nobody injects messages beside it unless asked to
            throw new HttpApi.Rejection(403, "message intake is off next to Discord; set rtfm.http.message-intake=true to allow it");
        }
        JsonNode request = arrayOrNull(json);
        if (request != null && request.size() > MAX_MESSAGES) {
            throw new HttpApi.Rejection(413, "at most " + MAX_MESSAGES + " messages a request, got " + request.size());
        }
        List<DiscordMessage> messages = new ArrayList<>();
        if (request != null) {
            for (JsonNode element : request) {
                messages.add(wireFormat.parseMessage(element.toString()));
            }
        } else {
            messages.add(wireFormat.parseMessage(json));
        }
        Message http = exchange.getMessage();
        http.removeHeaders("*");
        http.setHeader(GatewayContext.HEADER, GatewayContext.of(HttpApi.ORIGIN));
        return messages;
    }

    /** The request as a JSON array, or null when it is anything else (one message, or not JSON: parseMessage says why). */
    private static JsonNode arrayOrNull(String json) {
        try {
            JsonNode request = json == null || json.isBlank() ? null : WireFormat.mapper().readTree(json);
            return request != null && request.isArray() ? request : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /**
     * 202 with the accepted message's id, or the ids of an accepted array. It reads them from the
     * request again: what the split's expression sets on the exchange does not outlive the split.
     */
    public String accepted(@Body String json, Exchange exchange) throws JsonProcessingException {
        HttpApi.respond(exchange, 202);
        JsonNode request = WireFormat.mapper().readTree(json);
        ObjectNode body = WireFormat.mapper().createObjectNode();
        if (request.isArray()) {
            ArrayNode ids = body.putArray("message_ids");
            request.forEach(message -> ids.add(message.path("message_id").asText()));
        } else {
            body.put("message_id", request.path("message_id").asText());
        }
        return body.put("status", "accepted").toString();
    }
}
