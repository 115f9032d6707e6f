package routes.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import routes.local.ChromaServer;
import routes.local.EmbeddedKafkaBroker;

/**
 * One real Kafka broker and one real Chroma server for every integration test in this JVM.
 * KAFKA_BOOTSTRAP_SERVERS / CHROMA_URL when set; else containers when a Docker engine answers;
 * else an in-JVM KRaft broker and the pinned npm Chroma. The same tests run on every path.
 */
public final class SharedInfrastructure implements BeforeAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInfrastructure.class);
    private static final String KAFKA_IMAGE = "apache/kafka:3.9.1";
    private static final String CHROMA_IMAGE = "chromadb/chroma:1.0.0";

    private static String kafkaBootstrap;
    private static String chromaUrl;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL));
    }

    private static synchronized void start(ExtensionContext.Store store) throws Exception {
        if (kafkaBootstrap != null) {
            return;
        }
        boolean docker = System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null || System.getenv("CHROMA_URL") == null
                ? dockerAvailable() : false;
        kafkaBootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (kafkaBootstrap != null) {
            LOG.info("Tests use the Kafka cluster at {} (KAFKA_BOOTSTRAP_SERVERS)", kafkaBootstrap);
        } else if (docker) {
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
            store.put("kafka", (ExtensionContext.Store.CloseableResource) kafka::stop);
            kafkaBootstrap = kafka.getBootstrapServers();
            LOG.info("Tests use a Kafka container ({}) at {}", KAFKA_IMAGE, kafkaBootstrap);
        } else {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary();
            kafkaBootstrap = broker.start();
            store.put("kafka", (ExtensionContext.Store.CloseableResource) broker::close);
            LOG.info("Tests use an in-JVM KRaft broker at {} (no Docker engine)", kafkaBootstrap);
        }

        chromaUrl = System.getenv("CHROMA_URL");
        if (chromaUrl != null) {
            LOG.info("Tests use the Chroma server at {} (CHROMA_URL)", chromaUrl);
        } else if (docker) {
            GenericContainer<?> chroma = new GenericContainer<>(CHROMA_IMAGE)
                    .withExposedPorts(8000)
                    .waitingFor(Wait.forHttp("/api/v2/heartbeat").forStatusCode(200));
            chroma.start();
            store.put("chroma", (ExtensionContext.Store.CloseableResource) chroma::stop);
            chromaUrl = "http://" + chroma.getHost() + ":" + chroma.getMappedPort(8000);
            LOG.info("Tests use a Chroma container ({}) at {}", CHROMA_IMAGE, chromaUrl);
        } else {
            // the npm install is kept in .rtfm/ so only the first test run pays for it
            ChromaServer server = new ChromaServer(Path.of(".rtfm", "chroma-server"), Files.createTempDirectory("rtfm-chroma-test"));
            chromaUrl = server.start();
            store.put("chroma", (ExtensionContext.Store.CloseableResource) server::close);
            LOG.info("Tests use the npm Chroma server at {} (no Docker engine)", chromaUrl);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    public static String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public static String chromaUrl() {
        return chromaUrl;
    }
}
