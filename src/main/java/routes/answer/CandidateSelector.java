package routes.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.Body;
import routes.schema.WireFormat;

/**
 * Keeps the Chroma matches worth citing: cosine similarity at or above the minimum, best first,
 * at most {@code maxSources} of them.
 */
public class CandidateSelector {

    private final double minSimilarity;
    private final int maxSources;

    public CandidateSelector(double minSimilarity, int maxSources) {
        if (minSimilarity < -1 || minSimilarity > 1) {
            throw new IllegalArgumentException("rtfm.retrieval.min-similarity must lie in [-1, 1], got " + minSimilarity);
        }
        if (maxSources < 1) {
            throw new IllegalArgumentException("rtfm.retrieval.max-sources must be at least 1, got " + maxSources);
        }
        this.minSimilarity = minSimilarity;
        this.maxSources = maxSources;
    }

    /** @param chromaQueryResult the body Chroma returned for one query embedding */
    public List<Candidate> select(@Body String chromaQueryResult) throws JsonProcessingException {
        JsonNode result = WireFormat.mapper().readTree(chromaQueryResult);
        JsonNode ids = result.path("ids").path(0);
        JsonNode documents = result.path("documents").path(0);
        JsonNode metadatas = result.path("metadatas").path(0);
        JsonNode distances = result.path("distances").path(0);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            // the collection uses cosine space, where distance = 1 - cosine similarity
            double similarity = 1.0 - distances.path(i).asDouble(1.0);
            if (similarity < minSimilarity) {
                continue;
            }
            JsonNode metadata = metadatas.path(i);
            String messageId = ids.path(i).asText();
            String channelId = metadata.path("channel_id").asText(null);
            String guildId = metadata.path("guild_id").asText(null);
            String jumpUrl = metadata.path("jump_url").asText(null);
            if (jumpUrl == null && guildId != null && channelId != null) {
                jumpUrl = "https://discord.com/channels/" + guildId + "/" + channelId + "/" + messageId;
            }
            candidates.add(new Candidate(messageId, channelId,
                    metadata.path("channel_name").asText(null),
                    metadata.path("author_name").asText(null),
                    metadata.path("iso_timestamp").asText(null),
                    jumpUrl, similarity, documents.path(i).asText("")));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
        return candidates.size() > maxSources ? List.copyOf(candidates.subList(0, maxSources)) : candidates;
    }
}
