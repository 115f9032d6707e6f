package routes.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import routes.schema.BotResponse;
import routes.schema.DeadLetter;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;
import routes.testing.ChatMessage;
import routes.testing.Gemini;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * What the pipeline keeps out, and what it does when it cannot answer: records that are not JSON, too large or
 * missing a field go to the dead-letter queue with the reason; a question to the bot is answered, never stored as
 * knowledge; an overloaded Gemini is retried, then the asker is told; a blocked prompt falls back to labelled
 * sources; the API refuses bad input saying why.
 */
class PipelineBoundariesIT extends PipelineFixture {

    @Test
    void aRecordThatIsNotJsonGoesToTheDeadLetterQueueWithTheReason() throws Exception {
        String key = "garbage-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), key, "{not json at all");
        JsonNode letter = deadLetter(key);
        assertThat(letter.path("original_topic").asText()).isEqualTo(topic("messages"));
        assertThat(letter.path("message").asText()).isEqualTo("{not json at all");
        assertThat(letter.path("error").asText()).contains("not valid JSON");
        assertThat(letter.path("error_type").asText()).isEqualTo("routes.schema.InvalidRecordException");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.has("offset")).isTrue();
    }

    @Test
    void aRecordOverTheLimitIsDeadLetteredTruncatedWithItsSizeAndHash() throws Exception {
        String key = "huge-" + run;
        String huge = "{\"message_id\": \"" + key + "\", \"content\": \"" + "spam ".repeat(30_000) + "\", \"username\": \"u\", "
                + "\"user_id\": \"1\", \"channel_id\": \"2\", \"timestamp\": \"2025-11-02T12:34:56.789Z\"}";
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), key, huge);
        JsonNode letter = deadLetter(key);
        assertThat(letter.path("error").asText()).contains("rtfm.max-record-bytes");
        assertThat(letter.path("original_size").asLong()).isEqualTo(huge.length());
        assertThat(letter.path("original_sha256").asText()).hasSize(64);
        assertThat(letter.toString().length()).isLessThan(MAX_RECORD_BYTES);
        assertThat(getRecord(key).path("ids").size()).isZero();
    }

    @Test
    void aRecordMissingARequiredFieldGoesToTheDeadLetterQueueNamingIt() throws Exception {
        String key = "incomplete-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), key,
                "{\"message_id\": \"" + key + "\", \"username\": \"u\", \"user_id\": \"1\", \"channel_id\": \"2\", \"timestamp\": \"2025-11-02T12:34:56.789Z\"}");
        JsonNode letter = deadLetter(key);
        assertThat(letter.path("error").asText()).contains("content");
        assertThat(letter.path("message").path("message_id").asText()).isEqualTo(key);
    }

    @Test
    void anOverloadedGeminiIsRetriedThenTheQueryIsDeadLetteredAndTheAskerToldSo() throws Exception {
        String queryId = "query_overload_" + run;
        String channel = "overload-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), channel, """
                {"query_id": "%s", "original_message_id": "m", "question": "OVERLOAD-%s how do I build an index from my documents?",
                 "username": "u", "user_id": "1", "channel_id": "%s", "timestamp": "%s", "context": {}}"""
                .formatted(queryId, run, channel, Instant.now()));
        JsonNode letter = deadLetter(channel);
        assertThat(letter.path("message").path("query_id").asText()).isEqualTo(queryId);
        assertThat(letter.path("error").asText()).contains("503");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        gemini.verify(3, postRequestedFor(urlPathMatching(".*:generateContent")).withRequestBody(containing("OVERLOAD-" + run)));
        assertThat(letter.toString()).doesNotContain(API_KEY);
        // the asker is not left waiting: the question gets an error answer, under the id its answer would have had
        ConsumerRecord<String, String> answer = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains("\"query_id\":\"" + queryId + "\""), WAIT);
        assertThat(answer).as("an answer to the dead-lettered question").isNotNull();
        BotResponse error = wire.parseResponse(answer.value());
        assertThat(error.mode()).isEqualTo(BotResponse.ERROR);
        assertThat(error.responseText()).contains("try again in a few minutes");
        assertThat(error.responseId()).isEqualTo(routes.schema.BotResponse.idFor(queryId));
        assertThat(answer.key()).isEqualTo(channel);
    }

    @Test
    void aBlockedPromptFallsBackToLabelledSources() throws Exception {
        JsonNode response = ask(Map.of("question", "BLOCKED-" + run + " how do I use a custom prompt with an index?",
                "guild_id", sample.get(0).guildId()));
        assertMode(response, BotResponse.SOURCES_ONLY);
        assertThat(response.path("response_text").asText()).contains("couldn't generate an answer").contains("SAFETY");
        assertThat(response.path("sources").size()).isPositive();
    }

    @Test
    void theApiRejectsBadInputWithTheReasonAndHealthIsUp() throws Exception {
        HttpResponse<String> missing = postJson("/api/ask", "{\"questio\": \"typo\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("question");

        HttpResponse<String> badMessage = postJson("/api/messages", "{\"message_id\": \"x\"}");
        assertThat(badMessage.statusCode()).isEqualTo(400);
        assertThat(badMessage.body()).contains("content");

        HttpResponse<String> health = get("/observe/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"chroma\"").contains("UP");
    }

    @Test
    void aQuestionToTheBotIsAnsweredButNotIndexedAsKnowledge() throws Exception {
        String id = "question-" + run;
        DiscordMessage question = ChatMessage.of(id, "RTFM how do I build a tree index?").by("tester", "42")
                .in(sample.get(0).guildId(), sample.get(0).channelId(), "help").build();
        send(question);
        ConsumerRecord<String, String> answer = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains("\"original_message_id\":\"" + id + "\""), WAIT);
        assertThat(answer).as("an answer to the question message").isNotNull();
        assertThat(wire.parseResponse(answer.value()).sources()).extracting(BotResponse.Source::messageId).doesNotContain(id);
        assertThat(getRecord(id).path("ids").size()).isZero();
    }

    JsonNode deadLetter(String key) throws Exception {
        ConsumerRecord<String, String> record = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("dead-letter"),
                r -> key.equals(r.key()), WAIT);
        assertThat(record).as("a dead letter keyed " + key).isNotNull();
        wire.parse(record.value(), DeadLetter.class);
        return WireFormat.mapper().readTree(record.value());
    }
}
