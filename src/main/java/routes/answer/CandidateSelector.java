package routes.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import routes.chroma.ChromaRequests;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Keeps the Chroma matches worth citing: cosine similarity at or above the minimum, scored by
 * similarity plus a weighted lexical score (BM25 over the candidate set, so exact terms such as
 * "similarity_top_k" or "pinecone" count), best first. AnswerRanker then ranks this pool as a
 * conversation and keeps the best few.
 */
public class CandidateSelector {

    private final double minSimilarity;
    private final double lexicalWeight;

    public CandidateSelector(double minSimilarity, double lexicalWeight) {
        if (minSimilarity < -1 || minSimilarity > 1) {
            throw new IllegalArgumentException("rtfm.retrieval.min-similarity must lie in [-1, 1], got " + minSimilarity);
        }
        if (lexicalWeight < 0) {
            throw new IllegalArgumentException("rtfm.retrieval.lexical-weight must not be negative, got " + lexicalWeight);
        }
        this.minSimilarity = minSimilarity;
        this.lexicalWeight = lexicalWeight;
    }

    /** @param chromaQueryResult the body Chroma returned for one query embedding */
    public List<Candidate> select(@Body String chromaQueryResult, @Variable("query") BotQuery query)
            throws JsonProcessingException {
        JsonNode result = WireFormat.mapper().readTree(chromaQueryResult);
        JsonNode ids = result.path("ids").path(0);
        JsonNode documents = result.path("documents").path(0);
        JsonNode metadatas = result.path("metadatas").path(0);
        JsonNode distances = result.path("distances").path(0);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            // the collection uses cosine space, where distance = 1 - cosine similarity
            double similarity = 1.0 - distances.path(i).asDouble(1.0);
            // a proactive question is a member's message, indexed like any other: it is not its own answer (a question to RTFM is
            // never indexed, and the Python system's queries may name a stored message as their original)
            if (similarity < minSimilarity || (query != null && query.proactive() && ids.path(i).asText().equals(query.originalMessageId()))) {
                continue;
            }
            candidates.add(candidate(ids.path(i).asText(), documents.path(i).asText(""), metadatas.path(i), similarity));
        }
        List<Candidate> ranked = lexicalWeight == 0 || query == null ? candidates : rerank(candidates, query.question());
        ranked = new ArrayList<>(ranked);
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked;
    }

    /** A stored message as a candidate, scored by its similarity alone. */
    static Candidate candidate(String messageId, String document, JsonNode metadata, double similarity) {
        String channelId = metadata.path("channel_id").asText(null);
        String guildId = metadata.path("guild_id").asText(null);
        String jumpUrl = metadata.path("jump_url").asText(null);
        if (jumpUrl == null && guildId != null && channelId != null) {
            jumpUrl = "https://discord.com/channels/" + guildId + "/" + channelId + "/" + messageId;
        }
        String context = metadata.path(ChromaRequests.CONTEXT_KEY).asText("");
        return new Candidate(messageId, channelId, metadata.path("channel_name").asText(null), metadata.path("author_name").asText(null),
                metadata.path("iso_timestamp").asText(null), jumpUrl, similarity, document, context.isBlank() ? null : context, similarity,
                metadata.path("author_id").asText(null), metadata.path("reply_to").asText(null), metadata.path("thread_id").asText(null),
                metadata.path(DiscordMessage.SOLUTION).asBoolean(false), ChromaRequests.mentions(metadata));
    }

    private List<Candidate> rerank(List<Candidate> candidates, String question) {
        List<String> texts = candidates.stream()
                .map(c -> c.context() == null ? c.text() : c.context() + " " + c.text())
                .toList();
        double[] lexical = Bm25.scores(question, texts);
        double best = 0;
        for (double score : lexical) {
            best = Math.max(best, score);
        }
        List<Candidate> ranked = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double normalised = best == 0 ? 0 : lexical[i] / best;
            ranked.add(candidates.get(i).withScore(candidates.get(i).similarity() + lexicalWeight * normalised));
        }
        return ranked;
    }
}
