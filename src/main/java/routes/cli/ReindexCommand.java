package routes.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import routes.RtfmApplication;
import routes.RtfmSettings;
import routes.chroma.ActiveIndex;
import routes.chroma.ChromaCollection;
import routes.chroma.IndexState;
import routes.embedding.MessageEmbedder;
import routes.kafka.ConsumerLag;
import routes.kafka.KafkaClientSettings;
import routes.local.AddressFile;
import routes.local.ChromaServer;
import routes.local.FreePort;

/**
 * Blue-green rebuild of the index from the log of record: a new collection is filled from offset 0
 * of discord-messages by the production ingest route (its own consumer group, nothing else
 * running), then recorded as the active one in rtfm-index-state, which every processor follows.
 * It keeps reading until they have switched, so nothing written meanwhile is missed, and then
 * drops the collection it retired (never created again: processors refuse a retired name).
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuild the index from discord-messages into a new Chroma collection and switch every processor to it.")
public class ReindexCommand extends KafkaCommand {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--chroma-url", paramLabel = "URL", description = "Chroma (default: CHROMA_URL, else the running local mode)")
    String chromaUrl;

    @Option(names = "--collection", paramLabel = "NAME", description = "the new collection (default: CHROMA_COLLECTION-<UTC time>)")
    String collection;

    @Option(names = "--keep-old", description = "keep the retired collection instead of dropping it")
    boolean keepOld;

    @Option(names = "--switch-seconds", defaultValue = "10", paramLabel = "S",
            description = "how long it keeps reading after the switch, while processors move (default 10)")
    int switchSeconds;

    @Override
    public Integer call() throws Exception {
        RtfmSettings settings = kafka.settings();
        KafkaClientSettings clients = kafka.clients(settings);
        String chroma = chromaUrl != null ? chromaUrl : settings.get("rtfm.chroma.url");
        if (chroma == null || chroma.isBlank()) {
            chroma = AddressFile.read(Path.of(settings.require("rtfm.local.dir"), "chroma"), ChromaServer.ADDRESS_FILE);
        }
        if (chroma == null || chroma.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no Chroma given: pass --chroma-url URL, set CHROMA_URL, or start `run` in local mode from this directory");
        }
        String stateTopic = settings.get("rtfm.topics.index-state.name");
        IndexState before = ActiveIndex.read(clients, stateTopic);
        String current = before != null ? before.activeCollection() : settings.get("rtfm.chroma.collection");
        List<String> retired = new ArrayList<>(before == null || before.retiredCollections() == null ? List.of() : before.retiredCollections());
        String next = collection != null ? collection : settings.get("rtfm.chroma.collection") + "-" + STAMP.format(Instant.now());
        if (next.equals(current) || retired.contains(next)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "collection '" + next + "' is "
                    + (next.equals(current) ? "the active one" : "retired") + ": name a new one with --collection");
        }
        PrintWriter out = spec.commandLine().getOut();
        String messages = settings.get("rtfm.topics.messages.name");
        String group = "rtfm-reindex-" + next;
        long started = System.nanoTime();
        out.printf("reindex: rebuilding '%s' into '%s' from the start of %s%n", current, next, messages);
        out.flush();
        try (RtfmApplication app = new RtfmApplication(ingestOnly(chroma, clients, next, group));
             ConsumerLag lag = new ConsumerLag(clients)) {
            CamelContext camel = app.start();
            ChromaCollection target = camel.getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
            awaitCaughtUp(lag, group, messages, target, out);
            retired.add(current);
            ActiveIndex.publish(clients, stateTopic, new IndexState(next, retired, MessageEmbedder.MODEL_NAME, Instant.now().toString()));
            out.printf("reindex: '%s' is active; reading on for %d s while processors switch%n", next, switchSeconds);
            out.flush();
            Thread.sleep(switchSeconds * 1000L);
            awaitCaughtUp(lag, group, messages, target, out);
            ChromaCollection old = new ChromaCollection(chroma, settings.get("rtfm.chroma.tenant"), settings.get("rtfm.chroma.database"),
                    current, MessageEmbedder.MODEL_NAME, MessageEmbedder.DIMENSION);
            long oldCount = old.exists() ? old.count() : 0;
            if (!keepOld) {
                old.drop();
            }
            out.printf("reindex: done in %.1f s: '%s' holds %d messages ('%s' held %d, %s)%n", (System.nanoTime() - started) / 1e9,
                    next, target.count(), current, oldCount, keepOld ? "kept" : "dropped");
            out.flush();
        }
        return 0;
    }

    /** The production ingest route alone, into the new collection, from offset 0 of the log, under its own group. */
    private static Properties ingestOnly(String chroma, KafkaClientSettings clients, String collection, String group) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("rtfm.role", "processor"),
                Map.entry("rtfm.processor.answers", "false"),
                // the processors keep the question log; a rebuild of the index is no use of it
                Map.entry("rtfm.log.enabled", "false"),
                Map.entry("rtfm.index.follow", "false"),
                Map.entry("rtfm.backfill.enabled", "false"),
                Map.entry("rtfm.console.enabled", "false"),
                Map.entry("rtfm.chroma.url", chroma),
                Map.entry("rtfm.chroma.collection", collection),
                Map.entry("rtfm.kafka.bootstrap-servers", clients.bootstrapServers()),
                Map.entry("rtfm.kafka.processor-group-id", group),
                Map.entry("rtfm.kafka.auto-offset-reset", "earliest"),
                Map.entry("rtfm.http.host", "127.0.0.1"),
                Map.entry("rtfm.http.port", Integer.toString(FreePort.pick()))));
        return config;
    }

    private static void awaitCaughtUp(ConsumerLag lag, String group, String topic, ChromaCollection target, PrintWriter out)
            throws Exception {
        long lastReport = 0;
        for (long left = lag.of(group, topic); left > 0; left = lag.of(group, topic)) {
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                out.printf("reindex: %d records left to read, %d messages stored%n", left, target.count());
                out.flush();
                lastReport = System.nanoTime();
            }
            Thread.sleep(250);
        }
    }
}
