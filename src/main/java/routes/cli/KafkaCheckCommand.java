package routes.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import routes.RtfmSettings;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicAdmin;
import routes.kafka.TopicCatalog;
import routes.kafka.TopicSpec;

/** Writes a schema-valid record to each topic and reads it back: PASS or FAIL per topic. */
@Command(name = "kafka-check", mixinStandardHelpOptions = true,
        description = "Check that RTFM's topics accept and return valid records (the Python system's test_kafka.py).")
public class KafkaCheckCommand extends KafkaCommand {

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "all",
            description = "all (default), or one topic: discord-messages, bot-queries, bot-responses, dead-letter-queue")
    String topic;

    @Override
    public Integer call() {
        RtfmSettings settings = kafka.settings();
        List<TopicSpec> all = settings.topics();
        List<TopicSpec> selected;
        try {
            selected = "all".equals(topic) ? all : List.of(TopicCatalog.byName(all, topic));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        KafkaClientSettings servers = kafka.clients(settings);
        PrintWriter out = spec.commandLine().getOut();
        List<String> missing = new ArrayList<>();
        try (TopicAdmin admin = new TopicAdmin(servers)) {
            var existing = admin.listNames();
            selected.stream().map(TopicSpec::name).filter(n -> !existing.contains(n)).forEach(missing::add);
        }
        int failed = 0;
        try (KafkaCheck check = new KafkaCheck(servers)) {
            for (TopicSpec spec : selected) {
                KafkaCheck.Result result = missing.contains(spec.name())
                        ? new KafkaCheck.Result(spec.name(), false, "topic does not exist (run: topics create)")
                        : check.check(spec);
                out.println(result);
                out.flush();
                if (!result.passed()) {
                    failed++;
                }
            }
        }
        out.println("kafka-check: " + (selected.size() - failed) + " of " + selected.size() + " topics passed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
