package routes.cli;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import routes.RtfmSettings;
import routes.kafka.DeadLetterStore;
import routes.schema.DeadLetter;
import routes.schema.WireFormat;

/** What an operator does with dead letters: look at them, take them out to fix, put them back. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "List, export and replay the records in the dead-letter queue.")
public class DlqCommand extends KafkaCommand {

    enum Action { list, export, replay }

    @Parameters(index = "0", paramLabel = "ACTION", description = "list | export | replay")
    Action action;

    @Option(names = "--topic", paramLabel = "ORIGINAL_TOPIC", description = "only dead letters from this topic")
    String topic;

    Instant since;
    Path fromFile;

    @Option(names = "--since", paramLabel = "ISO-8601", description = "only dead letters from this time on, e.g. 2025-11-02T00:00:00Z")
    void since(String value) {
        try {
            since = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since must be an ISO-8601 instant such as "
                    + "2025-11-02T00:00:00Z, got " + value);
        }
    }

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "list: at most N, the newest (default 100)")
    int limit;

    @Option(names = "--file", paramLabel = "FILE", description = "export: write the dead letters here, one JSON envelope a line")
    Path file;

    @Option(names = "--from-file", paramLabel = "FILE", description = "replay: the (corrected) envelopes of this file instead of the queue")
    void fromFile(Path path) {
        if (!Files.isReadable(path)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + path);
        }
        fromFile = path;
    }

    @Option(names = "--dry-run", description = "replay: say what would be re-published, publish nothing")
    boolean dryRun;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", description = "the dead-letter topic (default: rtfm.topics.dead-letter.name)")
    String dlqTopic;

    @Override
    public Integer call() throws Exception {
        if (action == Action.export && file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "export needs --file FILE");
        }
        if (fromFile != null && action != Action.replay) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from-file goes with replay");
        }
        RtfmSettings settings = kafka.settings();
        DeadLetterStore store = new DeadLetterStore(kafka.clients(settings));
        List<DeadLetter> letters = fromFile != null ? readFile(store)
                : store.read(dlqTopic != null ? dlqTopic : settings.get("rtfm.topics.dead-letter.name"), topic, since);
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case list -> list(out, letters);
            case export -> {
                WireFormat wire = new WireFormat();
                try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (DeadLetter letter : letters) {
                        writer.write(wire.write(letter));
                        writer.newLine();
                    }
                }
                out.printf("exported %d dead letter(s) to %s%n", letters.size(), file);
            }
            case replay -> {
                List<DeadLetter> truncated = letters.stream().filter(DeadLetter::truncated).toList();
                if (!truncated.isEmpty()) {
                    // only their start was kept: re-publishing it would store a fragment
                    truncated.forEach(l -> out.printf("skipped %s key %s: over the record limit, kept truncated (%d bytes, sha256 %s)%n",
                            l.originalTopic(), l.key(), l.originalSize(), l.originalSha256()));
                    letters = letters.stream().filter(l -> !l.truncated()).toList();
                }
                if (dryRun) {
                    letters.forEach(l -> out.printf("would re-publish to %s key %s%n", l.originalTopic(), l.key()));
                    out.printf("dry run: %d dead letter(s) would be re-published%n", letters.size());
                } else {
                    out.printf("re-published %d dead letter(s) to their topics%n", store.replay(letters));
                }
            }
        }
        out.flush();
        return 0;
    }

    private void list(PrintWriter out, List<DeadLetter> letters) {
        List<DeadLetter> shown = letters.size() > limit ? letters.subList(letters.size() - limit, letters.size()) : letters;
        out.printf("%-24s  %-20s  %-22s  %-28s  %s%n", "TIME", "ORIGINAL TOPIC", "KEY", "ERROR TYPE", "REASON");
        for (DeadLetter letter : shown) {
            String type = letter.errorType() == null ? "" : letter.errorType().substring(letter.errorType().lastIndexOf('.') + 1);
            String reason = letter.error().replace('\n', ' ');
            out.printf("%-24s  %-20s  %-22s  %-28s  %s%n", DeadLetterStore.timestamp(letter), letter.originalTopic(),
                    letter.key(), type, reason.length() > 100 ? reason.substring(0, 99) + "…" : reason);
        }
        out.printf("%d dead letter(s)%s%n", letters.size(), shown.size() < letters.size() ? ", the newest " + shown.size() + " shown" : "");
    }

    private List<DeadLetter> readFile(DeadLetterStore store) throws java.io.IOException {
        List<DeadLetter> letters = new ArrayList<>();
        int line = 0;
        for (String json : Files.readAllLines(fromFile, StandardCharsets.UTF_8)) {
            line++;
            if (json.isBlank()) {
                continue;
            }
            DeadLetter letter = store.parse(json);
            if (letter == null) {
                throw new IllegalArgumentException(fromFile + " line " + line + " is not a dead-letter envelope");
            }
            letters.add(letter);
        }
        return letters;
    }
}
