package routes.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * Turns text into vectors with all-MiniLM-L6-v2, run in-process by ONNX Runtime: the same model as
 * Chroma's default embedding function, so vectors written here and by other Chroma clients agree.
 * The model is loaded once, on first use.
 */
public class MessageEmbedder {

    public static final String MODEL_NAME = "all-MiniLM-L6-v2";
    public static final int DIMENSION = 384;

    private volatile EmbeddingModel model;

    public float[] embed(String text) {
        return model().embed(text == null ? "" : text).content().vector();
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2EmbeddingModel();
                }
                loaded = model;
            }
        }
        return loaded;
    }
}
