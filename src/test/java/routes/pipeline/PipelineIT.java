package routes.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;

/**
 * Messages in and cited answers out on the real broker and Chroma: every message stored, edits and deletions
 * followed, replies and threads embedded with their context, the Python system's records taken, and no source
 * from a channel the asker cannot read.
 */
class PipelineIT extends PipelineFixture {

    @Test
    void chromaHoldsEveryMessageWithTextUnderItsMessageId() {
        List<String> withText = sample.stream().filter(DiscordMessage::hasText).map(DiscordMessage::messageId).toList();
        JsonNode stored = chroma.post(chroma.recordsUrl() + "/get",
                WireFormat.mapper().createObjectNode().set("ids", WireFormat.mapper().valueToTree(withText)).toString());
        List<String> storedIds = new java.util.ArrayList<>();
        stored.path("ids").forEach(id -> storedIds.add(id.asText()));
        assertThat(storedIds).containsExactlyInAnyOrderElementsOf(withText);
        DiscordMessage reply = sample.stream().filter(m -> m.replyToMessageId() != null && m.hasText()).findFirst().orElseThrow();
        JsonNode replyRecord = getRecord(reply.messageId());
        assertThat(replyRecord.path("documents").path(0).asText()).isEqualTo(reply.content());
        JsonNode metadata = replyRecord.path("metadatas").path(0);
        assertThat(metadata.path("guild_id").asText()).isEqualTo(reply.guildId());
        assertThat(metadata.path("channel_id").asText()).isEqualTo(reply.channelId());
        assertThat(metadata.path("author_name").asText()).isEqualTo(reply.username());
        assertThat(metadata.path("reply_to").asText()).isEqualTo(reply.replyToMessageId());
        assertThat(metadata.path("jump_url").asText()).isEqualTo(reply.jumpUrl());
        assertThat(metadata.path("timestamp").isIntegralNumber()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "should I raise similarity_top_k in the query call to get more than one chunk? | 1066820354804285531 1063962009873424384 1065806646070235166",
            "DiscordReader fails with RuntimeError event loop is already running | 1062376105580970077",
            "how do I limit max_tokens of the langchain LLM model | 1065472792415440987",
    })
    void answersWithCitedSourcesFromTheChannel(String question, String answeringMessageIds) throws Exception {
        JsonNode response = ask(Map.of("question", question, "guild_id", sample.get(0).guildId()));
        assertMode(response, BotResponse.GENERATED);
        assertThat(response.path("response_text").asText()).isEqualTo(GENERATED);
        List<String> sourceIds = response.path("sources").findValuesAsText("message_id");
        List<String> answering = List.of(answeringMessageIds.split(" "));
        assertThat(sourceIds).containsAnyElementsOf(answering);
        String expectedMessageId = sourceIds.stream().filter(answering::contains).findFirst().orElseThrow();

        String expectedText = sample.stream().filter(m -> m.messageId().equals(expectedMessageId)).findFirst().orElseThrow().content();
        List<LoggedRequest> calls = gemini.findAll(postRequestedFor(urlPathMatching("/v1beta/models/gemini-2.5-flash:generateContent"))
                .withRequestBody(containing(question.substring(0, 30))));
        assertThat(calls).isNotEmpty();
        LoggedRequest call = calls.get(calls.size() - 1);
        assertThat(call.getHeader("x-goog-api-key")).isEqualTo(API_KEY);
        String prompt = WireFormat.mapper().readTree(call.getBodyAsString()).path("contents").path(0).path("parts").path(0).path("text").asText();
        assertThat(prompt).contains(expectedText.substring(0, Math.min(60, expectedText.length())));
    }

    @Test
    void neverCitesAChannelTheAskerCannotRead() throws Exception {
        String guild = "guild-" + run;
        String secret = "The staging database password rotates every Tuesday at 3pm through the vault-rotator job";
        send(message("secret-" + run, secret, guild, "private-" + run, DiscordMessage.CREATED));
        send(message("public-" + run, "Lunch on Fridays is pizza in the kitchen", guild, "public-" + run, DiscordMessage.CREATED));
        await("the secret stored").atMost(WAIT).until(() -> getRecord("secret-" + run).path("ids").size() == 1);
        await("the secret searchable").atMost(WAIT).until(() -> routes.testing.ChromaSearch.findable(chroma, "secret-" + run));

        String question = "when does the staging database password rotate?";
        JsonNode outsider = ask(Map.of("question", question, "guild_id", guild, "visible_channel_ids", List.of("public-" + run)));
        assertThat(outsider.path("sources").findValuesAsText("message_id")).doesNotContain("secret-" + run);

        JsonNode member = ask(Map.of("question", question, "guild_id", guild,
                "visible_channel_ids", List.of("public-" + run, "private-" + run)));
        assertThat(member.path("sources").findValuesAsText("message_id")).contains("secret-" + run);

        JsonNode nobody = ask(Map.of("question", question, "guild_id", guild, "visible_channel_ids", List.of()));
        assertThat(nobody.path("mode").asText()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(nobody.path("sources").size()).isZero();
    }

    @Test
    void anEditIsReEmbeddedAndADeleteRemovesTheMessage() throws Exception {
        String id = "edited-" + run;
        String guild = "guild-edit-" + run;
        send(message(id, "Our CI runs on Jenkins with nightly builds", guild, "ops", DiscordMessage.CREATED));
        await().atMost(WAIT).until(() -> getRecord(id).path("ids").size() == 1);
        JsonNode before = getRecord(id);

        send(message(id, "Correction: our CI moved to GitHub Actions, builds run on every push", guild, "ops", DiscordMessage.UPDATED));
        await().atMost(WAIT).until(() -> getRecord(id).path("documents").path(0).asText().startsWith("Correction"));
        JsonNode after = getRecord(id);
        assertThat(after.path("embeddings").path(0)).isNotEqualTo(before.path("embeddings").path(0));

        JsonNode answer = ask(Map.of("question", "which service runs our CI builds now?", "guild_id", guild));
        assertThat(answer.path("sources").path(0).path("excerpt").asText()).startsWith("Correction");

        send(message(id, "", guild, "ops", DiscordMessage.DELETED));
        await().atMost(WAIT).until(() -> getRecord(id).path("ids").size() == 0);
        // through the recording proxy, so neitherGeminiNorChromaReceivesAnInternalHeader checks the delete's headers too
        assertThat(chromaProxy.findAll(postRequestedFor(urlPathMatching("/api/v2/.*/delete")))).isNotEmpty();
    }

    @Test
    void aReplyIsEmbeddedWithItsParentWhicheverArrivesFirstAndFollowsItsEditsAndDeletion() throws Exception {
        String guild = "guild-conv-" + run;
        String parentId = "parent-" + run;
        String replyId = "reply-" + run;
        DiscordMessage reply = ChatMessage.of(replyId, "yes, set it to 512 when you build the index").by("helper", "43")
                .in(guild, "help", "help").replyingTo(parentId).build();
        send(reply);
        await().atMost(WAIT).until(() -> getRecord(replyId).path("ids").size() == 1);
        assertThat(getRecord(replyId).path("metadatas").path(0).has("reply_to_text")).isFalse();
        JsonNode alone = getRecord(replyId).path("embeddings").path(0);

        String question = "Can I make chunk_size_limit smaller so queries get cheaper?";
        send(message(parentId, question, guild, "help", DiscordMessage.CREATED));
        await().atMost(WAIT).until(() -> question.equals(getRecord(replyId).path("metadatas").path(0).path("reply_to_text").asText()));
        JsonNode withParent = getRecord(replyId);
        assertThat(withParent.path("embeddings").path(0)).isNotEqualTo(alone);
        assertThat(withParent.path("documents").path(0).asText()).isEqualTo(reply.content());

        JsonNode answer = ask(Map.of("question", "how small should chunk_size_limit be for cheaper queries?", "guild_id", guild));
        JsonNode cited = null;
        for (JsonNode source : answer.path("sources")) {
            if (source.path("message_id").asText().equals(replyId)) {
                cited = source;
            }
        }
        assertThat(cited).as("the reply is found by a question about its parent's topic").isNotNull();
        assertThat(cited.path("excerpt").asText()).isEqualTo(reply.content());

        String edited = "Can I make the chunk size smaller for faster indexing?";
        send(message(parentId, edited, guild, "help", DiscordMessage.UPDATED));
        await().atMost(WAIT).until(() -> edited.equals(getRecord(replyId).path("metadatas").path(0).path("reply_to_text").asText()));

        send(message(parentId, "", guild, "help", DiscordMessage.DELETED));
        await().atMost(WAIT).until(() -> getRecord(replyId).path("metadatas").path(0).path("reply_to_text").asText("x").isEmpty());
        assertThat(getRecord(parentId).path("ids").size()).isZero();
    }

    @Test
    void aThreadMessageIsEmbeddedWithTheThreadsStarter() throws Exception {
        String guild = "guild-thread-" + run;
        String starterId = "starter-" + run;
        String starter = "Our staging cluster runs out of disk every night, any idea why?";
        send(message(starterId, starter, guild, "help", DiscordMessage.CREATED));
        await().atMost(WAIT).until(() -> getRecord(starterId).path("ids").size() == 1);
        String inThread = "thread-msg-" + run;
        send(ChatMessage.of(inThread, "the log rotation cron was disabled, re-enable it").by("ops", "44").in(guild, starterId, "help")
                .inThread(starterId).build());
        await().atMost(WAIT).until(() -> starter.equals(getRecord(inThread).path("metadatas").path(0).path("reply_to_text").asText()));
        assertThat(getRecord(inThread).path("metadatas").path(0).path("thread_id").asText()).isEqualTo(starterId);
    }

    @Test
    void recordsInThePythonSystemsFormatFlowThroughIngestAndAnswer() throws Exception {
        String messageId = "py-" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("messages"), messageId, """
                {"message_id": "%s", "content": "The API endpoint is /api/v1/data on the reporting service",
                 "username": "user#1234", "user_id": "987654321", "channel_id": "111222333",
                 "timestamp": "2025-11-02T12:34:56.789Z", "metadata": {}}""".formatted(messageId));
        await().atMost(WAIT).until(() -> getRecord(messageId).path("ids").size() == 1);

        String queryId = "query_py_" + run;
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("queries"), "111222333", """
                {"query_id": "%s", "original_message_id": "%s", "question": "what is the API endpoint of the reporting service?",
                 "username": "user#1234", "user_id": "987654321", "channel_id": "111222333",
                 "timestamp": "2025-11-02T12:34:56.789Z", "context": {}}""".formatted(queryId, messageId));
        ConsumerRecord<String, String> record = TopicReader.find(SharedInfrastructure.kafkaBootstrap(), topic("responses"),
                r -> r.value().contains(queryId), WAIT);
        assertThat(record).as("a response to the Python-format query").isNotNull();
        BotResponse response = wire.parseResponse(record.value());
        assertThat(record.key()).isEqualTo("111222333");
        assertThat(response.mode()).isEqualTo(BotResponse.GENERATED);
        assertThat(response.sources()).extracting(BotResponse.Source::messageId).contains(messageId);
    }
}
