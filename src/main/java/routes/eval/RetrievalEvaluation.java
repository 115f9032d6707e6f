package routes.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import routes.answer.Candidate;
import routes.answer.CandidateSelector;
import routes.chroma.ChromaCollection;
import routes.chroma.ChromaRequests;
import routes.discord.QuestionDetector;
import routes.embedding.ConversationEmbedder;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Measures retrieval the way production retrieves: the same embedder, request builders and
 * candidate selection as the ingest and answer routes, against a real Chroma collection.
 */
public final class RetrievalEvaluation {

    public static final int DEPTH = 10;

    private final ChromaCollection collection;
    private final ConversationEmbedder embedder;
    private final ChromaRequests requests;
    private final CandidateSelector selector;
    private final QuestionDetector questions;

    public RetrievalEvaluation(ChromaCollection collection, ConversationEmbedder embedder, ChromaRequests requests,
                               CandidateSelector selector, QuestionDetector questions) {
        this.collection = collection;
        this.embedder = embedder;
        this.requests = requests;
        this.selector = selector;
        this.questions = questions;
    }

    /** Indexes messages in order, as ingest-messages does; returns how many were indexed. */
    public int ingest(List<DiscordMessage> messages) {
        int indexed = 0;
        for (DiscordMessage message : messages) {
            if (!message.hasText() || questions.addressesBot(message)) {
                continue;
            }
            String context = embedder.contextOf(message);
            float[] vector = embedder.embedInContext(message, context);
            collection.post(collection.recordsUrl() + "/upsert", requests.upsert(message, vector, context));
            embedder.refreshChildren(message);
            indexed++;
        }
        return indexed;
    }

    public RetrievalReport evaluate(List<EvalQuestion> set, String guildId) throws Exception {
        List<Integer> ranks = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (EvalQuestion question : set) {
            BotQuery query = new BotQuery("eval", "eval", question.question(), "eval", "0", "0", "2025-01-01T00:00:00Z",
                    Map.of(), WireFormat.SCHEMA_VERSION, guildId, null);
            float[] vector = embedder.embedQuestion(query);
            JsonNode result = collection.post(collection.recordsUrl() + "/query", requests.query(query, vector));
            List<Candidate> ranked = selector.select(result.toString(), query);
            int rank = 0;
            for (int i = 0; i < ranked.size() && i < DEPTH; i++) {
                if (question.expectedMessageIds().contains(ranked.get(i).messageId())) {
                    rank = i + 1;
                    break;
                }
            }
            ranks.add(rank);
            if (rank == 0 || rank > 5) {
                misses.add((rank == 0 ? "not in top " + DEPTH : "rank " + rank) + ": " + question.question());
            }
        }
        return RetrievalReport.of(ranks, misses);
    }
}
