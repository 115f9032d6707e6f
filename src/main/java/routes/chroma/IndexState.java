package routes.chroma;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which Chroma collection every processor reads and writes, as `reindex` last recorded it in the
 * compacted rtfm-index-state topic (key {@link #KEY}), and the collections it retired.
 */
public record IndexState(@JsonProperty("active_collection") String activeCollection,
                         @JsonProperty("retired_collections") List<String> retiredCollections,
                         @JsonProperty("embedding_model") String embeddingModel,
                         @JsonProperty("switched_at") String switchedAt) {

    public static final String KEY = "active";
}
