package routes.kafka;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What one topic should look like: its name, partitions, retention and cleanup policy, and for a
 * compacted one how long a superseded record (a deleted message's text) may stay before compaction
 * (maxCompactionLagMs, -1 = the broker's default).
 */
public record TopicSpec(String role, String name, int partitions, long retentionMs, String cleanupPolicy, short replicationFactor,
                        long maxCompactionLagMs) {

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
        Map<String, String> configs = new java.util.LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
        if (cleanupPolicy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) && maxCompactionLagMs > 0) {
            configs.put(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(maxCompactionLagMs));
        }
        return configs;
    }

    public NewTopic toNewTopic() {
        // a non-positive replication factor means "the broker's default.replication.factor"
        Optional<Short> replication = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        return new NewTopic(name, Optional.of(partitions), replication).configs(configs());
    }
}
