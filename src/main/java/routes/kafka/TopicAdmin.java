package routes.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates, reconciles, describes and deletes RTFM's topics through Kafka's AdminClient. Reconciling
 * only ever raises partitions: lowering them would reshuffle keys, so it is reported instead.
 */
public final class TopicAdmin implements AutoCloseable {

    /** Every call gives up after this long, so a dead broker fails fast instead of hanging. */
    public static final long TIMEOUT_MS = 20_000;

    private final Admin admin;
    private final String bootstrapServers;

    public TopicAdmin(KafkaClientSettings kafka) {
        this.bootstrapServers = kafka.bootstrapServers();
        Properties props = kafka.clientProperties("rtfm-topic-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS / 2);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        this.admin = Admin.create(props);
    }

    /** One line of what reconcile did or saw, for the operator to read. */
    public record Change(String topic, String action) {
        @Override
        public String toString() {
            return topic + ": " + action;
        }
    }

    /** The state of one topic as the cluster reports it. */
    public record TopicState(String name, int partitions, int replicationFactor, String retentionMs, String cleanupPolicy,
                             List<String> partitionDetails, Map<String, String> settings) {
    }

    public List<Change> reconcile(List<TopicSpec> wanted) {
        return reconcile(wanted, false);
    }

    /** With applyPolicy it also changes an existing topic's cleanup policy and retention: compact to delete drops history. */
    public List<Change> reconcile(List<TopicSpec> wanted, boolean applyPolicy) {
        List<Change> changes = new ArrayList<>();
        Set<String> existing = listNames();
        for (TopicSpec spec : wanted) {
            if (!existing.contains(spec.name())) {
                try {
                    await(admin.createTopics(List.of(spec.toNewTopic())).all());
                    changes.add(new Change(spec.name(), "created with " + spec.partitions() + " partitions, retention.ms="
                            + spec.retentionMs() + ", cleanup.policy=" + spec.cleanupPolicy()));
                    continue;
                } catch (TopicExistsException raced) {
                    // another instance created it between our list and create: reconcile it like any other
                }
            }
            changes.addAll(reconcileExisting(spec, applyPolicy));
        }
        return changes;
    }

    private List<Change> reconcileExisting(TopicSpec spec, boolean applyPolicy) {
        List<Change> changes = new ArrayList<>();
        TopicState state = describe(List.of(spec.name())).get(0);
        if (state.partitions() < spec.partitions()) {
            await(admin.createPartitions(Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions()))).all());
            changes.add(new Change(spec.name(), "partitions raised from " + state.partitions() + " to " + spec.partitions()));
        } else if (state.partitions() > spec.partitions()) {
            changes.add(new Change(spec.name(), "has " + state.partitions() + " partitions, more than the configured "
                    + spec.partitions() + "; left as is (Kafka cannot lower partitions)"));
        }
        List<AlterConfigOp> ops = new ArrayList<>();
        if (!spec.cleanupPolicy().equals(state.cleanupPolicy()) && !applyPolicy) {
            changes.add(new Change(spec.name(), "cleanup.policy is " + state.cleanupPolicy() + ", configured " + spec.cleanupPolicy()
                    + "; left as is, with its retention (run: topics create --apply-policy)"));
            return changes;
        }
        for (Map.Entry<String, String> wantedConfig : spec.configs().entrySet()) {
            String current = state.settings().get(wantedConfig.getKey());
            if (!wantedConfig.getValue().equals(current)) {
                ops.add(new AlterConfigOp(new ConfigEntry(wantedConfig.getKey(), wantedConfig.getValue()), AlterConfigOp.OpType.SET));
                changes.add(new Change(spec.name(), wantedConfig.getKey() + " changed from " + current + " to " + wantedConfig.getValue()));
            }
        }
        if (!ops.isEmpty()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all());
        }
        if (changes.isEmpty()) {
            changes.add(new Change(spec.name(), "up to date (" + spec.partitions() + " partitions, retention.ms=" + spec.retentionMs() + ")"));
        }
        return changes;
    }

    public Set<String> listNames() {
        return new TreeSet<>(await(admin.listTopics().names()));
    }

    public List<TopicState> describe(Collection<String> names) {
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames());
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        List<TopicState> states = new ArrayList<>();
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            List<String> details = description.partitions().stream()
                    .map(p -> "partition " + p.partition() + " leader " + (p.leader() == null ? "none" : p.leader().id())
                            + " replicas " + p.replicas().stream().map(n -> n.id()).toList()
                            + " isr " + p.isr().stream().map(n -> n.id()).toList())
                    .toList();
            states.add(new TopicState(name,
                    description.partitions().size(),
                    description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size(),
                    settings(config).get("retention.ms"),
                    settings(config).get("cleanup.policy"),
                    details,
                    settings(config)));
        }
        return states;
    }

    /** Deletes the named topics that exist; returns those it deleted. */
    public List<String> delete(Collection<String> names) {
        Set<String> existing = listNames();
        List<String> present = names.stream().filter(existing::contains).toList();
        if (!present.isEmpty()) {
            try {
                await(admin.deleteTopics(present).all());
            } catch (UnknownTopicOrPartitionException alreadyGone) {
                // deleted concurrently: the outcome is the one asked for
            }
        }
        return present;
    }

    /** The settings RTFM manages, as the topic has them (absent when the broker reports none). */
    private static Map<String, String> settings(Config config) {
        Map<String, String> settings = new java.util.HashMap<>();
        for (String key : List.of("retention.ms", "cleanup.policy", "max.compaction.lag.ms")) {
            ConfigEntry entry = config == null ? null : config.get(key);
            if (entry != null && entry.value() != null) {
                settings.put(key, entry.value());
            }
        }
        return settings;
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_MS + 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka", e);
        } catch (TimeoutException e) {
            throw new KafkaUnreachableException(bootstrapServers, TIMEOUT_MS, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new KafkaUnreachableException(bootstrapServers, TIMEOUT_MS, cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }

}
