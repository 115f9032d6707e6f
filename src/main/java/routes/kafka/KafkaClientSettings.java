package routes.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where and how every Kafka client RTFM creates reaches the cluster: the bootstrap servers and the
 * security settings (SASL, SSL) of rtfm.kafka.client.*. The routes, the topic admin, the opt-out
 * list, the idempotent repository, the lag gauges and every CLI command take them from here, so a
 * secured cluster needs configuration only. Values never appear in toString: they hold passwords.
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> security) {

    /** Each is read from rtfm.kafka.client.&lt;Kafka client setting&gt; (application.properties maps the environment). */
    public static final String PREFIX = "rtfm.kafka.client.";
    public static final List<String> SECURITY_KEYS = List.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password");

    public KafkaClientSettings {
        security = Map.copyOf(security);
    }

    /** A cluster without security settings (PLAINTEXT), for tests and the embedded broker. */
    public static KafkaClientSettings of(String bootstrapServers) {
        return new KafkaClientSettings(bootstrapServers, Map.of());
    }

    /** From resolved properties: lookup returns null (or blank) for what is not set. */
    public static KafkaClientSettings from(Function<String, String> lookup) {
        Map<String, String> security = new LinkedHashMap<>();
        for (String key : SECURITY_KEYS) {
            String value = lookup.apply(PREFIX + key);
            if (value != null && !value.isBlank()) {
                security.put(key, value.trim());
            }
        }
        return new KafkaClientSettings(lookup.apply("rtfm.kafka.bootstrap-servers"), security);
    }

    public KafkaClientSettings withBootstrapServers(String servers) {
        return new KafkaClientSettings(servers, security);
    }

    /** The settings every client starts from; the caller adds its own (serializers, timeouts). */
    public Properties clientProperties(String clientId) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.putAll(security);
        return props;
    }

    @Override
    public String toString() {
        return bootstrapServers + (security.isEmpty() ? "" : " " + security.keySet());
    }
}
