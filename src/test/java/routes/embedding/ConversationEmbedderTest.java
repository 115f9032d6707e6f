package routes.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.kafka.KafkaClientSettings;
import routes.chroma.ChromaRequests;
import routes.ingest.Embedded;
import routes.ingest.IngestBatch;
import routes.privacy.OptOutList;
import routes.schema.OptOut;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

class ConversationEmbedderTest {

    /** Records what it was asked to embed instead of running the model: the rule under test is what text goes in. */
    static final class RecordingEmbedder extends MessageEmbedder {
        final List<String> texts = new ArrayList<>();
        int calls;

        @Override
        public List<float[]> embedAll(List<String> batch) {
            calls++;
            List<float[]> vectors = new ArrayList<>();
            for (String text : batch) {
                texts.add(text);
                vectors.add(new float[] {texts.size()});
            }
            return vectors;
        }
    }

    private static final OptOutList OPT_OUTS = new OptOutList(new WireFormat(), KafkaClientSettings.of("unused:1"), "unused", null);
    private final RecordingEmbedder model = new RecordingEmbedder();
    private final ConversationEmbedder conversation = embedder(true, OPT_OUTS);
    private final ConversationLookups lookups = new ConversationLookups(new ConversationContext(true, OPT_OUTS), new ChromaRequests(10));

    private ConversationEmbedder embedder(boolean enabled, OptOutList optOuts) {
        return new ConversationEmbedder(model, new ChromaRequests(10), new ConversationContext(enabled, optOuts));
    }

    private static DiscordMessage message(String id, String content, String replyTo, String replyToContent, String thread, String event) {
        return new DiscordMessage(id, content, "ana", "7", "c1", "2025-11-02T12:34:56Z", Map.of(), 1, event, "g1", "help", thread,
                replyTo, false, List.of(), null, replyToContent, null);
    }

    private static IngestBatch stored(DiscordMessage... messages) {
        return new IngestBatch(List.of(messages), List.of(), Map.of(), 0, List.of(), Map.of());
    }

    private static IngestBatch deleted(String id) {
        return new IngestBatch(List.of(), List.of(DiscordMessage.deletionOf(id)), Map.of(), 0, List.of(), Map.of());
    }

    @Test
    void aReplyIsEmbeddedWithTheParentTextTheRecordCarriesWithoutAskingTheStore() throws Exception {
        IngestBatch batch = stored(message("2", "yes, set max_tokens", "1", "how do I limit the answer length?", null, null));
        assertThat(lookups.parents(batch)).isNull();
        List<Embedded> embedded = conversation.embed(batch, null);
        assertThat(model.texts).containsExactly("how do I limit the answer length?\n\nyes, set max_tokens");
        assertThat(embedded.get(0).context()).isEqualTo("how do I limit the answer length?");
    }

    @Test
    void otherwiseTheParentIsLookedUpAndAnUnstoredParentMeansNoContext() throws Exception {
        IngestBatch reply = stored(message("2", "yes, set max_tokens", "1", null, null, null));
        JsonNode lookup = WireFormat.mapper().readTree(lookups.parents(reply));
        assertThat(lookup.path("ids").toString()).isEqualTo("[\"1\"]");
        assertThat(conversation.embed(reply, "{\"ids\": [\"1\"], \"documents\": [\"how do I limit it?\"]}").get(0).context())
                .isEqualTo("how do I limit it?");
        assertThat(conversation.embed(reply, "{\"ids\": [], \"documents\": []}").get(0).context()).isNull();
        // a thread message continues the thread's starter
        assertThat(lookups.parents(stored(message("3", "same here", null, null, "1", null)))).contains("\"1\"");
        assertThat(lookups.parents(stored(message("4", "a new topic", null, null, null, null)))).isNull();
    }

    @Test
    void aBatchIsOneModelCallOneLookupOfTheParentsItLacksAndItsOwnParentsComeFromItself() throws Exception {
        IngestBatch batch = stored(message("1", "how do I cap answer length?", null, null, null, null),
                message("2", "set max_tokens", "1", null, null, null),
                message("3", "and in a thread?", "9", null, null, null),
                message("4", "same for me", null, null, "8", null));
        JsonNode lookup = WireFormat.mapper().readTree(lookups.parents(batch));
        assertThat(lookup.path("ids").toString()).isEqualTo("[\"9\",\"8\"]");
        List<Embedded> embedded = conversation.embed(batch, "{\"ids\": [\"9\"], \"documents\": [\"the thread starter\"]}");
        assertThat(model.calls).isEqualTo(1);
        assertThat(model.texts).containsExactly("how do I cap answer length?", "how do I cap answer length?\n\nset max_tokens",
                "the thread starter\n\nand in a thread?", "same for me");
        assertThat(embedded).extracting(Embedded::context).containsExactly(null, "how do I cap answer length?", "the thread starter", null);
    }

    @Test
    void theRepliesOfAChangedParentAreReembeddedWithItsNewTextAndOnlyThose() throws Exception {
        String children = """
                {"ids": ["2", "3", "1"], "documents": ["yes, set max_tokens", "in a thread, replying to 2", "the parent itself"],
                 "metadatas": [{"reply_to": "1", "channel_id": "c1"}, {"reply_to": "2", "thread_id": "1"}, {"thread_id": "1"}]}""";
        IngestBatch batch = stored(message("1", "how do I cap answer length?", null, null, null, DiscordMessage.UPDATED));
        assertThat(WireFormat.mapper().readTree(lookups.replies(batch)).path("where").toString())
                .contains("{\"reply_to\":{\"$in\":[\"1\"]}}");
        JsonNode upsert = WireFormat.mapper().readTree(conversation.refreshedReplies(children, batch));
        assertThat(upsert.path("ids").toString()).isEqualTo("[\"2\"]");
        assertThat(upsert.path("documents").path(0).asText()).isEqualTo("yes, set max_tokens");
        assertThat(upsert.path("metadatas").path(0).path("reply_to_text").asText()).isEqualTo("how do I cap answer length?");
        assertThat(upsert.path("metadatas").path(0).path("channel_id").asText()).isEqualTo("c1");
        assertThat(model.texts).containsExactly("how do I cap answer length?\n\nyes, set max_tokens");
    }

    @Test
    void theRepliesOfADeletedParentLoseItsText() throws Exception {
        String children = "{\"ids\": [\"2\"], \"documents\": [\"yes\"], \"metadatas\": [{\"reply_to\": \"1\", \"reply_to_text\": \"old\"}]}";
        JsonNode upsert = WireFormat.mapper().readTree(conversation.refreshedReplies(children, deleted("1")));
        // upsert merges metadata: the old parent text is overwritten, not left behind
        assertThat(upsert.path("metadatas").path(0).path("reply_to_text").asText()).isEmpty();
        assertThat(model.texts).containsExactly("yes");
        IngestBatch other = stored(message("1", "x", null, null, null, null));
        assertThat(conversation.refreshedReplies("{\"ids\": []}", other)).isNull();
        assertThat(conversation.refreshedReplies(null, other)).isNull();
    }

    @Test
    void withConversationContextOffNothingIsLookedUp() throws Exception {
        ConversationLookups off = new ConversationLookups(new ConversationContext(false, OPT_OUTS), new ChromaRequests(10));
        IngestBatch reply = stored(message("2", "yes", "1", "what?", null, null));
        assertThat(off.parents(reply)).isNull();
        assertThat(off.replies(reply)).isNull();
        // and each message is embedded alone, whatever its record carries
        assertThat(embedder(false, OPT_OUTS).embed(reply, null).get(0).context()).isNull();
        assertThat(model.texts).containsExactly("yes");
    }

    @Test
    void aForgottenMembersWordsAreNoContextForAnotherMembersReply() throws Exception {
        OptOutList optOuts = new OptOutList(new WireFormat(), KafkaClientSettings.of("unused:1"), "unused", null);
        optOuts.apply(new OptOut("g1", OptOut.USER, "frank", false, "2025-01-01T00:00:00Z", "forget", null, null, null, 1));
        ConversationEmbedder withOptOuts = embedder(true, optOuts);
        // 1300000000000000000 is a Discord snowflake from 2024: written before nothing, forgotten all the same
        IngestBatch reply = stored(new DiscordMessage("2", "thanks, found it", "grace", "grace", "c1", "2025-11-02T12:34:56Z",
                Map.of(DiscordMessage.REPLY_TO_AUTHOR, "frank"), 1, null, "g1", "help", null, "1300000000000000000", false, List.of(), null,
                "the build cache lives on the old NAS", null));
        Embedded embedded = withOptOuts.embed(reply, null).get(0);
        assertThat(embedded.context()).isNull();
        assertThat(model.texts).containsExactly("thanks, found it");
        // the store is asked instead, and it holds nothing of theirs any more
        assertThat(new ConversationLookups(new ConversationContext(true, optOuts), new ChromaRequests(10)).parents(reply)).isNotNull();
    }
}
