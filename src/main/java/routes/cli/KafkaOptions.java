package routes.cli;

import java.util.Properties;
import picocli.CommandLine.Option;
import routes.RtfmSettings;

/** The cluster a command talks to: --bootstrap-servers, else KAFKA_BOOTSTRAP_SERVERS. */
public class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    RtfmSettings settings() {
        return RtfmSettings.load(new Properties());
    }

    String bootstrapServers(RtfmSettings settings) {
        String servers = bootstrapServers != null ? bootstrapServers : settings.get("rtfm.kafka.bootstrap-servers");
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("no Kafka given: pass --bootstrap-servers HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
        }
        return servers;
    }
}
