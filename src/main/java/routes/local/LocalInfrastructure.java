package routes.local;

import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.RtfmSettings;

/**
 * Starts what local mode needs and nobody gave us: a Kafka broker when KAFKA_BOOTSTRAP_SERVERS is
 * unset, a Chroma server when CHROMA_URL is unset. It reports the addresses as properties for the
 * Camel application and stops both, in reverse order, when closed.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfrastructure.class);

    private EmbeddedKafkaBroker kafka;
    private ChromaServer chroma;

    /** @return properties pointing the application at the services to use */
    public Properties start(RtfmSettings settings, boolean needsChroma) {
        Properties resolved = new Properties();
        Path localDir = Path.of(settings.require("rtfm.local.dir"));
        String bootstrap = settings.get("rtfm.kafka.bootstrap-servers");
        if (bootstrap == null) {
            kafka = new EmbeddedKafkaBroker(localDir.resolve("kafka"));
            bootstrap = kafka.start();
        } else {
            LOG.info("Using the Kafka cluster at {}", bootstrap);
        }
        resolved.setProperty("rtfm.kafka.bootstrap-servers", bootstrap);
        String chromaUrl = settings.get("rtfm.chroma.url");
        if (chromaUrl == null && needsChroma) {
            chroma = new ChromaServer(localDir.resolve("chroma-server"), localDir.resolve("chroma"));
            chromaUrl = chroma.start();
        } else if (chromaUrl != null) {
            LOG.info("Using the Chroma server at {}", chromaUrl);
        }
        if (chromaUrl != null) {
            resolved.setProperty("rtfm.chroma.url", chromaUrl);
        }
        return resolved;
    }

    @Override
    public synchronized void close() {
        if (chroma != null) {
            chroma.close();
            chroma = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
