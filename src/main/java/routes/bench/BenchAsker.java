package routes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import routes.schema.WireFormat;

/** One question on the HTTP API, timed from the request to its answer (Kafka both ways). */
record BenchAsker(String url, String guildId) {
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newCachedThreadPool()).build();

    /**
     * A question's round trip: when it was sent (epoch ms) and how long it took, the answer's question id and the parts its
     * metadata tells (AnswerTimings); -1 where it tells none.
     */
    record Timing(long sentAt, long totalMs, String queryId, long queueWaitMs, long processingMs) {
    }

    long askMillis(String question, String channelId, String userId) {
        return ask(question, channelId, userId).totalMs();
    }

    Timing ask(String question, String channelId, String userId) {
        try {
            String body = WireFormat.mapper().writeValueAsString(java.util.Map.of("question", question, "guild_id", guildId,
                    "channel_id", channelId, "user_id", userId));
            long sentAt = System.currentTimeMillis();
            long started = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            JsonNode answer = WireFormat.mapper().readTree(response.body());
            if (response.statusCode() != 200 || answer.path("mode").asText().isEmpty()) {
                throw new IllegalStateException("the bench's question was not answered: " + response.statusCode() + " " + response.body());
            }
            JsonNode metadata = answer.path("metadata");
            return new Timing(sentAt, millis, answer.path("query_id").asText(), metadata.path("queue_wait_ms").asLong(-1),
                    metadata.path("processing_ms").asLong(-1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
