package routes.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model is read from files copied out of the jar, so that its 90 MB stay out of the Java heap:
 * the copy is the jar's, byte for byte, made once, and the model loaded from it gives the vectors
 * langchain4j's own all-MiniLM-L6-v2 gives.
 */
class ModelFilesTest {

    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    @Test
    void theCopyIsTheJarsByteForByteAndIsMadeOnce(@TempDir Path directory) throws Exception {
        Path file = ModelFiles.extract(TOKENIZER, directory);

        assertThat(sha256(Files.newInputStream(file))).isEqualTo(sha256(getClass().getClassLoader().getResourceAsStream(TOKENIZER)));
        assertThat(file.getFileName().toString()).isEqualTo("all-minilm-l6-v2-tokenizer-" + Files.size(file) + ".json");
        // a second process finds it in place and leaves it alone
        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, past);
        assertThat(ModelFiles.extract(TOKENIZER, directory)).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(past);
        try (var left = Files.list(directory)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aFileCutShortIsWrittenAgain(@TempDir Path directory) throws Exception {
        Path file = ModelFiles.extract(TOKENIZER, directory);
        long size = Files.size(file);
        Files.write(file, new byte[] {'{'});

        assertThat(ModelFiles.extract(TOKENIZER, directory)).isEqualTo(file);
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void theModelFromTheFilesGivesLangchainsOwnVectors() {
        MessageEmbedder fromFiles = new MessageEmbedder();
        AllMiniLmL6V2EmbeddingModel fromJar = new AllMiniLmL6V2EmbeddingModel();
        for (String text : new String[] {"how do I set max_tokens for the OpenAI LLM?", "RTFM",
                "KeyError: 'chunk_size' in llama_index/node_parser/simple.py, line 42"}) {
            float[] expected = fromJar.embed(text).content().vector();
            float[] actual = fromFiles.embed(text);
            assertThat(actual).hasSize(MessageEmbedder.DIMENSION).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
