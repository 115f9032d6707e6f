package routes.cli;

import java.util.Properties;
import picocli.CommandLine.Option;
import routes.RtfmSettings;
import routes.kafka.KafkaClientSettings;

/** The cluster a command talks to: --bootstrap-servers, else KAFKA_BOOTSTRAP_SERVERS; secured as the app is (rtfm.kafka.client.*). */
public class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    RtfmSettings settings() {
        return RtfmSettings.load(new Properties());
    }

    /** The cluster and its security settings (rtfm.kafka.client.*, from the environment). */
    KafkaClientSettings clients(RtfmSettings settings) {
        String servers = bootstrapServers != null ? bootstrapServers : settings.get("rtfm.kafka.bootstrap-servers");
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("no Kafka given: pass --bootstrap-servers HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
        }
        return KafkaClientSettings.from(settings::get).withBootstrapServers(servers);
    }
}
