package routes.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import routes.schema.Feedback;
import routes.schema.InvalidRecordException;
import routes.schema.WireFormat;

/**
 * What POST /api/feedback accepts: {query_id, vote: up|down, comment?, user_id?, guild_id?, channel_id?}. Next to
 * Discord the voter and where the answer was are required (the API cannot know them); in local mode they are the
 * console's. Anything else is refused with what is wrong (400).
 */
final class FeedbackRequest {

    private FeedbackRequest() {
    }

    static Feedback parse(String json, boolean beyondLocalMode, String defaultGuild, String defaultChannel, String defaultUserId) {
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
        if (beyondLocalMode) {
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

    /** The request's JSON object, or a 400 saying it is not one. */
    static JsonNode object(String json, String expected) {
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

    static String text(JsonNode request, String field, String fallback) {
        JsonNode value = request.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }
}
