package routes.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import routes.gateway.GatewayContext;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.Feedback;
import routes.schema.BotQuery;
import routes.schema.InvalidRecordException;
import routes.schema.WireFormat;

/**
 * The HTTP API's own rules: who may call it and what an ask request looks like. The API can read
 * a whole guild's history, so off loopback it demands a bearer token.
 */
public class HttpApi {

    public static final String ORIGIN = "http";

    private final WireFormat wireFormat;
    private final ApiExposure exposure;
    private final String apiToken;
    private final String defaultGuild;
    private final String defaultChannel;
    private final String defaultUserId;
    private final String defaultUsername;

    public HttpApi(WireFormat wireFormat, ApiExposure exposure, String defaultGuild, String defaultChannel,
                   String defaultUserId, String defaultUsername) {
        this.wireFormat = wireFormat;
        this.exposure = exposure;
        this.apiToken = exposure.apiToken();
        if (!ApiExposure.isLoopback(exposure.host()) && this.apiToken.isEmpty()) {
            throw new IllegalStateException("the HTTP API listens on " + exposure.host() + ", beyond this machine, but RTFM_API_TOKEN "
                    + "is not set: set a token, or keep RTFM_HTTP_HOST=127.0.0.1");
        }
        this.defaultGuild = defaultGuild;
        this.defaultChannel = defaultChannel;
        this.defaultUserId = defaultUserId;
        this.defaultUsername = defaultUsername;
    }

    public ApiExposure exposure() {
        return exposure;
    }

    /** Every API call goes through this first (api-errors' interceptFrom). */
    public void checkAccess(@Header("Authorization") String authorization) {
        if (apiToken.isEmpty()) {
            if (exposure.beyondLocalMode()) {
                throw new AccessDeniedException("the HTTP API next to Discord needs a token: set RTFM_API_TOKEN");
            }
            return;
        }
        String presented = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
        // constant-time comparison: the token must not leak through response timing
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), apiToken.getBytes(StandardCharsets.UTF_8))) {
            throw new AccessDeniedException();
        }
    }

    /** Turns {question, guild_id?, channel_id?, user_id?, username?, visible_channel_ids?} into a BotQuery. */
    public BotQuery askQuery(@Body String json) {
        JsonNode request;
        try {
            request = WireFormat.mapper().readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("the ask request is not valid JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new InvalidRecordException("the ask request must be a JSON object with a 'question'");
        }
        JsonNode question = request.path("question");
        if (!question.isTextual() || question.asText().isBlank()) {
            throw new InvalidRecordException("'question' is required and must be a non-empty string");
        }
        List<String> visible = null;
        JsonNode visibleNode = request.path("visible_channel_ids");
        if (!visibleNode.isMissingNode() && !visibleNode.isNull()) {
            if (!visibleNode.isArray()) {
                throw new InvalidRecordException("'visible_channel_ids' must be an array of channel ids");
            }
            visible = new ArrayList<>();
            for (JsonNode id : visibleNode) {
                visible.add(id.asText());
            }
        }
        if (visible == null && exposure.beyondLocalMode()) {
            throw new InvalidRecordException("'visible_channel_ids' is required next to Discord: the channels the asker may read");
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(BotQuery.ORIGIN, ORIGIN);
        String queryId = "query_" + UUID.randomUUID();
        return new BotQuery(queryId, queryId, question.asText().trim(),
                text(request, "username", defaultUsername), text(request, "user_id", defaultUserId),
                text(request, "channel_id", defaultChannel), Instant.now().toString(), context, WireFormat.SCHEMA_VERSION,
                text(request, "guild_id", defaultGuild), visible, null);
    }

    /**
     * Turns {query_id, vote: up|down, comment?, user_id?, guild_id?, channel_id?} into a Feedback. Next to Discord the
     * voter and where the answer was are required (the API cannot know them); in local mode they are the console's.
     */
    public Feedback feedback(@Body String json) {
        JsonNode request = object(json, "the feedback request must be a JSON object with 'query_id' and 'vote'");
        JsonNode queryId = request.path("query_id");
        if (!queryId.isTextual() || queryId.asText().isBlank() || queryId.asText().length() > 100) {
            throw new InvalidRecordException("'query_id' is required: the id of the answered question (at most 100 characters)");
        }
        String vote = request.path("vote").asText("");
        if (!Feedback.UP.equals(vote) && !Feedback.DOWN.equals(vote)) {
            throw new InvalidRecordException("'vote' must be \"up\" or \"down\"");
        }
        JsonNode comment = request.path("comment");
        if (!comment.isMissingNode() && !comment.isNull() && (!comment.isTextual() || comment.asText().length() > Feedback.MAX_COMMENT_CHARS)) {
            throw new InvalidRecordException("'comment' must be a string of at most " + Feedback.MAX_COMMENT_CHARS + " characters");
        }
        if (exposure.beyondLocalMode()) {
            for (String field : List.of("user_id", "guild_id", "channel_id")) {
                if (request.path(field).asText("").isBlank()) {
                    throw new InvalidRecordException("'" + field + "' is required next to Discord: who voted, and where the answer was");
                }
            }
        }
        String text = comment.isTextual() && !comment.asText().isBlank() ? comment.asText().trim() : null;
        return new Feedback(queryId.asText(), text(request, "guild_id", defaultGuild), text(request, "channel_id", defaultChannel),
                text(request, "user_id", defaultUserId), vote, text, Instant.now().toString(), WireFormat.SCHEMA_VERSION);
    }

    /** 202 once the vote is published: it reaches the log shortly after. */
    public String feedbackAccepted(@Variable("vote") Feedback vote, Exchange exchange) {
        respond(exchange, 202);
        return WireFormat.mapper().createObjectNode().put("query_id", vote.queryId()).put("vote", vote.vote()).toString();
    }

    private static JsonNode object(String json, String expected) {
        JsonNode request;
        try {
            request = WireFormat.mapper().readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("the request is not valid JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new InvalidRecordException(expected);
        }
        return request;
    }

    /** 200 with the answer. */
    public String answered(@Body BotResponse response, Exchange exchange) {
        respond(exchange, 200);
        return wireFormat.write(response);
    }

    /** A rejected request: its status and the reason as JSON, quoted safely. */
    public String rejected(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error, Exchange exchange) {
        int status = error instanceof Rejection rejection ? rejection.status() : 400;
        respond(exchange, status);
        if (status == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        }
        return WireFormat.mapper().createObjectNode().put("error", error.getMessage()).toString();
    }

    static void respond(Exchange exchange, int status) {
        Message http = exchange.getMessage();
        // nothing from the request or from Kafka goes back to the client
        http.removeHeaders("*");
        http.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        http.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    private static String text(JsonNode request, String field, String fallback) {
        JsonNode value = request.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }

    /** A request the API refuses, with the HTTP status that says why. */
    public static class Rejection extends RuntimeException {
        private final int status;

        public Rejection(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** No or wrong bearer token: 401. */
    public static class AccessDeniedException extends Rejection {
        public AccessDeniedException() {
            this("missing or wrong bearer token");
        }

        public AccessDeniedException(String reason) {
            super(401, reason);
        }
    }
}
