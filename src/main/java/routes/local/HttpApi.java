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
        JsonNode request = FeedbackRequest.object(json, "the ask request must be a JSON object with a 'question'");
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
                FeedbackRequest.text(request, "username", defaultUsername), FeedbackRequest.text(request, "user_id", defaultUserId),
                FeedbackRequest.text(request, "channel_id", defaultChannel), Instant.now().toString(), context, WireFormat.SCHEMA_VERSION,
                FeedbackRequest.text(request, "guild_id", defaultGuild), visible, null);
    }

    /** Turns a vote request into a Feedback (FeedbackRequest says what is accepted). */
    public Feedback feedback(@Body String json) {
        return FeedbackRequest.parse(json, exposure.beyondLocalMode(), defaultGuild, defaultChannel, defaultUserId);
    }

    /** 202 once the vote is published: it reaches the log shortly after. */
    public String feedbackAccepted(@Variable("vote") Feedback vote, Exchange exchange) {
        respond(exchange, 202);
        return WireFormat.mapper().createObjectNode().put("query_id", vote.queryId()).put("vote", vote.vote()).toString();
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
