package routes.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import routes.schema.WireFormat;

/**
 * Gemini's own word on when to retry: a 429 names its wait in google.rpc.RetryInfo
 * ({@code "retryDelay": "28s"}). Retrying sooner only spends the quota again.
 */
public final class RetryInfo {

    private static final Pattern SECONDS = Pattern.compile("^(\\d+(?:\\.\\d+)?)s$");

    private RetryInfo() {
    }

    /** The delay Gemini asks for, in milliseconds, or 0 when the body names none. */
    public static long delayMs(String errorBody) {
        JsonNode details = WireFormat.tryParse(errorBody) == null ? null : WireFormat.tryParse(errorBody).path("error").path("details");
        if (details == null || !details.isArray()) {
            return 0;
        }
        for (JsonNode detail : details) {
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                Matcher seconds = SECONDS.matcher(detail.path("retryDelay").asText(""));
                if (seconds.matches()) {
                    return Math.round(Double.parseDouble(seconds.group(1)) * 1000);
                }
            }
        }
        return 0;
    }
}
