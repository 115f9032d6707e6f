package routes.cli;

import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;
import routes.RtfmSettings;
import routes.kafka.KafkaClientSettings;
import routes.local.EmbeddedKafkaBroker;

/**
 * The cluster a command talks to: --bootstrap-servers, else KAFKA_BOOTSTRAP_SERVERS, else the local-mode
 * broker running from rtfm.local.dir; secured as the app is (rtfm.kafka.client.*).
 */
public class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else the running local mode)")
    String bootstrapServers;

    RtfmSettings settings() {
        return RtfmSettings.load(new Properties());
    }

    /** The cluster and its security settings (rtfm.kafka.client.*, from the environment). */
    KafkaClientSettings clients(RtfmSettings settings) {
        String servers = bootstrapServers != null ? bootstrapServers : settings.get("rtfm.kafka.bootstrap-servers");
        if (servers == null || servers.isBlank()) {
            // local mode: the broker `run` started from the local directory, while it runs
            servers = EmbeddedKafkaBroker.runningAt(Path.of(settings.require("rtfm.local.dir"), "kafka"));
        }
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("no Kafka given: pass --bootstrap-servers HOST:PORT, set KAFKA_BOOTSTRAP_SERVERS,"
                    + " or start `run` in local mode from this directory");
        }
        return KafkaClientSettings.from(settings::get).withBootstrapServers(servers);
    }
}
