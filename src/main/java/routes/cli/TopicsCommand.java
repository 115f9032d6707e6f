package routes.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import routes.RtfmSettings;
import routes.kafka.TopicAdmin;
import routes.kafka.TopicSpec;

/** The Python system's init_kafka_topics.py: create (and reconcile), list, describe, delete. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Manage RTFM's Kafka topics as configured (rtfm.topics.* in application.properties).")
public class TopicsCommand extends KafkaCommand {

    enum Action { create, list, describe, delete }

    @Parameters(index = "0", paramLabel = "ACTION", description = "create | list | describe | delete")
    Action action;

    @Option(names = "--apply-policy", description = "create: also change the cleanup policy (and its retention) of existing topics"
            + " to the configured one; without it a different policy is reported and left as is")
    boolean applyPolicy;

    @Option(names = "--yes", description = "Confirm delete")
    boolean yes;

    @Override
    public Integer call() {
        RtfmSettings settings = kafka.settings();
        List<TopicSpec> topics = settings.topics();
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        if (action == Action.delete && !yes) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "delete removes " + String.join(", ", names) + " and all their records: add --yes to confirm");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (TopicAdmin admin = new TopicAdmin(kafka.clients(settings))) {
            switch (action) {
                case create -> {
                    if (applyPolicy) {
                        spec.commandLine().getErr().println("rtfm-bot topics: --apply-policy changes the cleanup policy of existing topics:"
                                + " compact keeps every message's latest version forever, delete drops what is older than its retention");
                    }
                    admin.reconcile(topics, applyPolicy).forEach(change -> out.println(change));
                }
                case list -> {
                    Set<String> existing = admin.listNames();
                    List<String> present = names.stream().filter(existing::contains).toList();
                    admin.describe(present).forEach(t -> out.printf("%-24s partitions=%d retention.ms=%s%n",
                            t.name(), t.partitions(), t.retentionMs()));
                    names.stream().filter(n -> !existing.contains(n)).forEach(n -> out.printf("%-24s (missing)%n", n));
                }
                case describe -> {
                    Set<String> existing = admin.listNames();
                    for (TopicSpec topic : topics) {
                        if (!existing.contains(topic.name())) {
                            out.printf("Topic: %s (missing; configured: %d partitions, retention.ms=%d)%n",
                                    topic.name(), topic.partitions(), topic.retentionMs());
                            continue;
                        }
                        TopicAdmin.TopicState state = admin.describe(List.of(topic.name())).get(0);
                        out.printf("Topic: %s\tPartitionCount: %d\tReplicationFactor: %d\tConfigs: retention.ms=%s,cleanup.policy=%s%n",
                                state.name(), state.partitions(), state.replicationFactor(), state.retentionMs(), state.cleanupPolicy());
                        state.partitionDetails().forEach(line -> out.println("\t" + line));
                    }
                }
                case delete -> {
                    List<String> deleted = admin.delete(names);
                    out.println(deleted.isEmpty() ? "nothing to delete" : "deleted " + String.join(", ", deleted));
                }
                default -> throw new IllegalStateException(action.name());
            }
        }
        out.flush();
        return 0;
    }
}
