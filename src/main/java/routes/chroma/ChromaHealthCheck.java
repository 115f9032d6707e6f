package routes.chroma;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Reports whether Chroma answers, so /observe/health shows a dead vector store. */
public class ChromaHealthCheck extends AbstractHealthCheck {

    private final ChromaCollection collection;

    public ChromaHealthCheck(ChromaCollection collection) {
        super("rtfm", "chroma");
        this.collection = collection;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("collection", collection.name());
        if (!collection.reachable()) {
            builder.message("Chroma does not answer its heartbeat").down();
        } else if (!collection.exists()) {
            // ingest recreates it on its next write; until then nothing can be stored
            builder.message("Chroma collection '" + collection.name() + "' does not exist").down();
        } else {
            builder.up();
        }
    }
}
