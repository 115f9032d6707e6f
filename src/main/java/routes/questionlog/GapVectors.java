package routes.questionlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import routes.embedding.MessageEmbedder;

/**
 * Embeds the knowledge-gap questions (question-log.yaml's embed-gap-questions) with the model RTFM
 * already runs, so the dashboard can group them by meaning without a model of its own. A vector
 * is stored as 384 little-endian floats in base64.
 */
public class GapVectors {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GapVectors.class);

    private final MessageEmbedder embedder;
    private volatile String failure;
    private volatile java.time.Instant lastSuccess;

    public GapVectors(MessageEmbedder embedder) {
        this.embedder = embedder;
    }

    /** Rows {query_id, question} in, rows {query_id, vector} out: the parameters of upsert-vector.sql. */
    public List<Map<String, Object>> embed(List<Map<String, Object>> questions) {
        List<String> texts = questions.stream().map(row -> String.valueOf(value(row, "question"))).toList();
        List<float[]> vectors = embedder.embedAll(texts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            rows.add(Map.of("query_id", value(questions.get(i), "query_id"), "vector", encode(vectors.get(i))));
        }
        return rows;
    }

    public void succeeded() {
        failure = null;
        lastSuccess = java.time.Instant.now();
    }

    /** A failed round: said in the log and in /observe/health (gap-questions) until a round succeeds. */
    public void failed(org.apache.camel.Exchange exchange) {
        Exception e = exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class);
        failure = e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("Knowledge-gap questions were not embedded this round ({}); trying again at the next", failure);
    }

    public org.apache.camel.health.HealthCheck healthCheck() {
        return new org.apache.camel.impl.health.AbstractHealthCheck("rtfm", "gap-questions") {
            @Override
            protected void doCall(org.apache.camel.health.HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.detail("last_success", String.valueOf(lastSuccess));
                if (failure == null) {
                    builder.up();
                } else {
                    builder.detail("failure", failure).down();
                }
            }
        };
    }

    /** Column names come back upper-case from H2 and lower-case from PostgreSQL. */
    private static Object value(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value != null ? value : row.get(column.toUpperCase(java.util.Locale.ROOT));
    }

    public static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    public static float[] decode(String stored) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(stored)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / 4];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = bytes.getFloat();
        }
        return vector;
    }
}
