package routes.kafka;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** What one topic should look like: its name, partitions, retention and cleanup policy. */
public record TopicSpec(String role, String name, int partitions, long retentionMs, String cleanupPolicy, short replicationFactor) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic " + role + ": name must not be empty");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
        }
        if (retentionMs < -1 || retentionMs == 0) {
            throw new IllegalArgumentException("topic " + name + ": retention-ms must be positive or -1 (forever), got " + retentionMs);
        }
    }

    public Map<String, String> configs() {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
    }

    public NewTopic toNewTopic() {
        // a non-positive replication factor means "the broker's default.replication.factor"
        Optional<Short> replication = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        return new NewTopic(name, Optional.of(partitions), replication).configs(configs());
    }
}
