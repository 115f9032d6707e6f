package routes.cli;

import java.io.InputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import routes.RtfmSettings;
import routes.kafka.HistoryPublisher;
import routes.schema.DiscordChatExport;
import routes.schema.DiscordMessage;

/**
 * A server's archive as knowledge: DiscordChatExporter JSON exports, published to discord-messages
 * as history (source import), never as questions. Re-running it stores nothing twice: messages keep
 * their Discord ids, and ingest upserts by id.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Publish DiscordChatExporter JSON exports (files, or directories of them) to discord-messages as history.")
public class ImportCommand extends KafkaCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "export files, or directories searched for *.json")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        List<Path> files = exportFiles();
        RtfmSettings settings = kafka.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportProgress progress = new ImportProgress(out, System.console() != null, files);
        int failed = 0;
        long notices = 0;
        try (HistoryPublisher publisher = new HistoryPublisher(kafka.clients(settings), settings.get("rtfm.topics.messages.name"),
                settings::get)) {
            for (Path file : files) {
                try (InputStream in = progress.open(file)) {
                    DiscordChatExport.Summary summary = DiscordChatExport.stream(file.toString(), in, true, message -> {
                        publisher.publish(message.withSource(DiscordMessage.IMPORT));
                        progress.published();
                    });
                    notices += summary.systemNotices();
                } catch (DiscordChatExport.InvalidExportException e) {
                    progress.interrupt();
                    err.println("rtfm-bot import: " + e.getMessage());
                    failed++;
                }
            }
            publisher.flush();
        }
        progress.done(files.size() - failed, notices);
        if (failed > 0) {
            err.println("rtfm-bot import: " + failed + " of " + files.size() + " file(s) could not be read; the others were imported");
            return 1;
        }
        return 0;
    }

    private List<Path> exportFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> found = Files.walk(path)) {
                    found.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
                }
            } else if (Files.isReadable(path)) {
                files.add(path);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + path);
            }
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no .json export found in " + paths);
        }
        return files;
    }
}
