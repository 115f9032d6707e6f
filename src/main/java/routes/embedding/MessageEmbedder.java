package routes.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns text into vectors with all-MiniLM-L6-v2, run in-process by ONNX Runtime: the same model as
 * Chroma's default embedding function, so vectors written here and by other Chroma clients agree.
 * The model is loaded once per process, on first use, and shared by every embedder in it: loading
 * takes seconds, and a loaded model is only read (ONNX Runtime sessions run concurrently), so a
 * process that starts several apps (eval, bench, the tests) loads it once. It is loaded from files
 * (ModelFiles), not from the jar, to keep its 90 MB out of the Java heap; the files and the pooling
 * are those of langchain4j's AllMiniLmL6V2EmbeddingModel, so the vectors are the same.
 */
public class MessageEmbedder {

    public static final String MODEL_NAME = "all-MiniLM-L6-v2";
    public static final int DIMENSION = 384;
    /** Where the model's files are kept for every process on the machine. */
    static final Path FILES = Path.of(System.getProperty("java.io.tmpdir"), "rtfm-embedding-model");

    private static volatile EmbeddingModel model;

    public float[] embed(String text) {
        return model().embed(text == null ? "" : text).content().vector();
    }

    /**
     * Many texts in one model call: langchain4j runs them through ONNX Runtime together, about twice
     * as many per second as one at a time on 2 cores (see the bench's embedding figures).
     */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        // langchain4j refuses a blank segment; a lone dash carries next to no meaning
        List<TextSegment> segments = texts.stream().map(text -> TextSegment.from(text == null || text.isBlank() ? "-" : text)).toList();
        return model().embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (MessageEmbedder.class) {
                if (model == null) {
                    model = new OnnxEmbeddingModel(ModelFiles.extract("all-minilm-l6-v2.onnx", FILES),
                            ModelFiles.extract("all-minilm-l6-v2-tokenizer.json", FILES), PoolingMode.MEAN);
                }
                loaded = model;
            }
        }
        return loaded;
    }
}
