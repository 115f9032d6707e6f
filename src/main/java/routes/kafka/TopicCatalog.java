package routes.kafka;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The topics of docs/ARCHITECTURE.md ("Topics"), read from configuration ({@code rtfm.topics.<role>.*}) so an
 * operator can rename or resize them without touching code.
 */
public final class TopicCatalog {

    public static final List<String> ROLES = List.of("messages", "queries", "responses", "dead-letter", "optouts", "idempotency",
            "backfill-state", "index-state", "feedback", "channel-settings");

    private TopicCatalog() {
    }

    /** @param property looks up a configuration key and returns its value, or null when unset */
    public static List<TopicSpec> fromProperties(UnaryOperator<String> property) {
        short replication = Short.parseShort(required(property, "rtfm.topics.replication-factor"));
        return ROLES.stream().map(role -> {
            String prefix = "rtfm.topics." + role + ".";
            return new TopicSpec(
                    role,
                    required(property, prefix + "name"),
                    Integer.parseInt(required(property, prefix + "partitions")),
                    Long.parseLong(required(property, prefix + "retention-ms")),
                    required(property, prefix + "cleanup-policy"),
                    replication,
                    Long.parseLong(java.util.Objects.requireNonNullElse(property.apply(prefix + "max-compaction-lag-ms"), "-1")));
        }).toList();
    }

    public static TopicSpec byName(List<TopicSpec> topics, String name) {
        return topics.stream()
                .filter(t -> t.name().equals(name) || t.role().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + name + "'; known: "
                        + String.join(", ", topics.stream().map(TopicSpec::name).toList())));
    }

    private static String required(UnaryOperator<String> property, String key) {
        String value = property.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing configuration " + key);
        }
        return value.trim();
    }
}
