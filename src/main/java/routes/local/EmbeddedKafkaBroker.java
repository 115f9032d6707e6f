package routes.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM,
 * for local mode and for tests when no cluster is given. Its log directory survives restarts,
 * so local chat history and consumer offsets are kept between runs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** In the data directory while the broker runs: its bootstrap address. */
    public static final String ADDRESS_FILE = "bootstrap-servers";

    private final Path dataDir;
    private final String clientProtocol;
    private final Properties serverOverrides;
    private KafkaRaftServer server;
    private String bootstrapServers;

    private int brokerPort;
    private int controllerPort;

    public EmbeddedKafkaBroker(Path dataDir) {
        this(dataDir, "PLAINTEXT", new Properties());
    }

    /**
     * A broker whose client listener speaks clientProtocol (SASL_PLAINTEXT, for a secured test
     * cluster), with serverOverrides (its SASL settings) applied over the defaults. The listener is
     * named after its protocol, e.g. listener.name.sasl_plaintext.plain.sasl.jaas.config.
     */
    public EmbeddedKafkaBroker(Path dataDir, String clientProtocol, Properties serverOverrides) {
        this.dataDir = dataDir;
        this.clientProtocol = clientProtocol;
        this.serverOverrides = serverOverrides;
    }

    public synchronized String start() {
        if (server != null) {
            return bootstrapServers;
        }
        try {
            Files.createDirectories(dataDir);
            // a restart listens where the first start did, so clients find it again
            if (brokerPort == 0) {
                brokerPort = FreePort.pick();
                controllerPort = FreePort.pick();
            }
            Path logDir = dataDir.resolve("logs");
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", clientProtocol + "://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", clientProtocol + "://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", clientProtocol);
            props.put("listener.security.protocol.map", clientProtocol + ":" + clientProtocol + ",CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logDir.toAbsolutePath().toString());
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "3");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            // topics are created by RTFM's topic admin with their own settings
            props.put("auto.create.topics.enable", "false");
            props.put("num.partitions", "1");
            props.put("log.flush.interval.messages", "1");
            props.putAll(serverOverrides);

            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "written by RTFM local mode");
            }
            format(config);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            bootstrapServers = "127.0.0.1:" + brokerPort;
            // where the CLI (import, dlq, reindex) of this machine finds the running broker
            Files.writeString(dataDir.resolve(ADDRESS_FILE), bootstrapServers);
            LOG.info("Embedded Kafka broker (KRaft) listening on {} with data in {}", bootstrapServers, logDir.toAbsolutePath());
            return bootstrapServers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dataDir, e);
        }
    }

    /** Formats the log directory once; later starts find it formatted and keep its data. */
    private void format(Path config) {
        Path clusterIdFile = dataDir.resolve("cluster.id");
        try {
            String clusterId;
            if (Files.exists(clusterIdFile)) {
                clusterId = Files.readString(clusterIdFile).trim();
            } else {
                clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
                Files.writeString(clusterIdFile, clusterId);
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] args = {"format", "-t", clusterId, "-c", config.toAbsolutePath().toString(), "--ignore-formatted"};
            StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
            LOG.debug("kafka storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            LOG.info("Stopping the embedded Kafka broker");
            server.shutdown();
            server.awaitShutdown();
            server = null;
            try {
                Files.deleteIfExists(dataDir.resolve(ADDRESS_FILE));
            } catch (IOException e) {
                LOG.debug("cannot remove {}: {}", ADDRESS_FILE, e.getMessage());
            }
        }
    }

    /** The address of the local-mode broker running from dataDir, or null when none is. */
    public static String runningAt(Path dataDir) {
        return AddressFile.read(dataDir, ADDRESS_FILE);
    }

    /** A throwaway broker directory, for tests. */
    public static EmbeddedKafkaBroker temporary() {
        try {
            return new EmbeddedKafkaBroker(Files.createTempDirectory("rtfm-kafka-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
