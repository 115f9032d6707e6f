package routes.chroma;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Refuses a collection made with another embedding model: its vectors and this process's would not
 * be comparable, and every answer would be silently wrong. A model change is a reindex into a new
 * collection, by processors that embed with the new model.
 */
final class CollectionGuard {

    private CollectionGuard() {
    }

    /** @param created Chroma's answer to the get-or-create of the collection */
    static void check(String name, JsonNode created, String model, int dimension) {
        JsonNode metadata = created.path("metadata");
        String storedModel = metadata.path(ChromaCollection.MODEL_KEY).asText(null);
        int storedDimension = metadata.path(ChromaCollection.DIMENSION_KEY).asInt(dimension);
        if (storedModel != null && (!storedModel.equals(model) || storedDimension != dimension)) {
            throw new IllegalStateException("Chroma collection '" + name + "' holds vectors of " + storedModel + " ("
                    + storedDimension + " dimensions), but this RTFM embeds with " + model + " (" + dimension
                    + " dimensions). Use another collection (CHROMA_COLLECTION) or re-index into a new one.");
        }
        if (!created.path("dimension").isMissingNode() && !created.path("dimension").isNull()
                && created.path("dimension").asInt() != dimension) {
            throw new IllegalStateException("Chroma collection '" + name + "' has dimension " + created.path("dimension").asInt()
                    + ", but " + model + " makes " + dimension + "-dimensional vectors. Use another collection (CHROMA_COLLECTION).");
        }
    }
}
