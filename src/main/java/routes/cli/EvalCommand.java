package routes.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import routes.RtfmApplication;
import routes.RtfmSettings;
import routes.background.PeriodicTask;
import routes.chroma.ChromaCollection;
import routes.eval.EvalQuestion;
import routes.eval.FirstPlace;
import routes.eval.RetrievalEvaluation;
import routes.eval.RetrievalReport;
import routes.kafka.ConsumerLag;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicAdmin;
import routes.kafka.TopicCatalog;
import routes.local.ChromaServer;
import routes.local.EmbeddedKafkaBroker;
import routes.schema.DiscordChatExport;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/** Ingests an export into a throwaway collection, asks each question and prints recall and MRR. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure retrieval: recall@1/3/5/10 and MRR of the expected messages, with the production settings.")
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--messages", required = true, paramLabel = "FILE", description = "DiscordChatExporter JSON export to ingest")
    Path messages;

    @Option(names = "--questions", required = true, paramLabel = "FILE",
            description = "JSON [{\"question\": ..., \"expected_message_ids\": [...]}]")
    Path questions;

    @Option(names = "--k", defaultValue = "5", paramLabel = "K", description = "the recall cut-off to report as the headline (1, 3, 5 or 10; default 5)")
    int k;

    @Option(names = "--chroma-url", paramLabel = "URL", description = "Chroma to use (default: CHROMA_URL, else a local server)")
    String chromaUrl;

    @Option(names = "--explain", description = "for every question whose first source is not an answer, say what took first place")
    boolean explain;

    @Option(names = "--proactive", description = "what proactive answers would do on this set: coverage and precision@1 at "
            + "rtfm.autoanswer.min-confidence, the threshold a precision@1 of 0.8 needs (fitted, and cross-validated) and the calibration")
    boolean proactive;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a property, e.g. --set rtfm.retrieval.lexical-weight=0")
    java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!List.of(1, 3, 5, 10).contains(k)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--k must be 1, 3, 5 or 10, got " + k);
        }
        for (Path file : List.of(messages, questions)) {
            if (!Files.isReadable(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        List<EvalQuestion> set = readQuestions(questions);
        List<DiscordMessage> export = DiscordChatExport.read(messages);
        Properties props = new Properties();
        props.putAll(overrides);
        if (chromaUrl != null) {
            props.setProperty("rtfm.chroma.url", chromaUrl);
        }
        RtfmReport report = run(props, export, set);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("indexed %d messages of %d; %d questions%n", report.indexed(), export.size(), set.size());
        report.retrieval().misses().forEach(miss -> out.println("  " + miss));
        if (explain) {
            FirstPlace.print(out, report.retrieval().explained());
        }
        out.println(report.retrieval());
        if (proactive) {
            double threshold = Double.parseDouble(RtfmSettings.load(props).get("rtfm.autoanswer.min-confidence"));
            report.retrieval().calibration().report(threshold).forEach(out::println);
        }
        out.printf(java.util.Locale.ROOT, "headline recall@%d = %.3f%n", k, report.retrieval().recallAt(k));
        out.flush();
        return 0;
    }

    /** What one evaluation found. */
    public record RtfmReport(int indexed, RetrievalReport retrieval) {
    }

    /**
     * Runs an evaluation through the production routes: an RTFM instance with its own topics and
     * a fresh collection (dropped afterwards) ingests the export from the log, then answers every
     * question on its HTTP API. Kafka is KAFKA_BOOTSTRAP_SERVERS, else a throwaway broker in this JVM.
     */
    public static RtfmReport run(Properties overrides, List<DiscordMessage> export, List<EvalQuestion> set) throws Exception {
        RtfmSettings settings = RtfmSettings.load(overrides);
        String run = "rtfm-eval-" + UUID.randomUUID().toString().substring(0, 8);
        Properties config = new Properties();
        config.putAll(overrides);
        config.setProperty("rtfm.chroma.collection", run);
        TopicCatalog.ROLES.forEach(role -> config.setProperty("rtfm.topics." + role + ".name", run + "-" + role));
        config.setProperty("rtfm.kafka.processor-group-id", run + "-processor");
        config.setProperty("rtfm.kafka.bot-group-id", run + "-bot");
        config.setProperty("rtfm.retrieval.max-sources", Integer.toString(RetrievalEvaluation.DEPTH));
        config.setProperty("rtfm.retrieval.candidates", Integer.toString(
                Math.max(RetrievalEvaluation.DEPTH, Integer.parseInt(settings.get("rtfm.retrieval.candidates")))));
        // ranks are read from the sources of a sources_only answer: Gemini is never asked
        config.setProperty("rtfm.gemini.api-key", "");
        // a measurement, not a use: its questions stay out of the question log
        config.setProperty("rtfm.log.enabled", "false");
        // one question at a time: a few consumers start and stop in a fraction of the default 24's time, and rank the same
        config.setProperty("rtfm.answer.consumers", "4");
        config.setProperty("rtfm.console.enabled", "false");
        config.setProperty("rtfm.http.host", "127.0.0.1");
        config.setProperty("rtfm.http.port", Integer.toString(routes.local.FreePort.pick()));
        config.setProperty("rtfm.http.api-token", "");
        ChromaServer chroma = null;
        if (settings.get("rtfm.chroma.url") == null) {
            // the npm install stays in the local directory; the data is thrown away
            chroma = new ChromaServer(Path.of(settings.require("rtfm.local.dir")).resolve("chroma-server"),
                    Files.createTempDirectory(run));
            config.setProperty("rtfm.chroma.url", chroma.start());
        }
        EmbeddedKafkaBroker broker = null;
        if (settings.get("rtfm.kafka.bootstrap-servers") == null) {
            broker = EmbeddedKafkaBroker.temporary();
            config.setProperty("rtfm.kafka.bootstrap-servers", broker.start());
        }
        KafkaClientSettings kafka = KafkaClientSettings.from(settings::get)
                .withBootstrapServers(config.getProperty("rtfm.kafka.bootstrap-servers", settings.get("rtfm.kafka.bootstrap-servers")));
        ChromaCollection collection = null;
        try {
            try (RtfmApplication app = new RtfmApplication(config)) {
                CamelContext camel = app.start();
                collection = camel.getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
                ProducerTemplate history = camel.createProducerTemplate();
                export.forEach(message -> history.sendBody("direct:history-in", message));
                awaitIngested(kafka, run + "-processor", run + "-messages");
                // the helper record is counted every few minutes as the index grows; here it is counted once the whole export is in
                if (!camel.getRegistry().lookupByNameAndType("helperRecount", PeriodicTask.class).runNow()) {
                    throw new IllegalStateException("cannot count the helper record; see /observe/health");
                }
                String guild = export.isEmpty() ? null : export.get(0).guildId();
                RetrievalEvaluation evaluation = new RetrievalEvaluation("http://127.0.0.1:" + config.getProperty("rtfm.http.port"));
                return new RtfmReport((int) collection.count(), evaluation.evaluate(set, guild, new FirstPlace(export)));
            } finally {
                // once the app has stopped: its followers would otherwise keep asking for the deleted topics until it did
                if (collection != null) {
                    collection.drop();
                }
                try (TopicAdmin admin = new TopicAdmin(kafka)) {
                    admin.delete(TopicCatalog.ROLES.stream().map(role -> run + "-" + role).toList());
                }
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (chroma != null) {
                chroma.close();
            }
        }
    }

    private static void awaitIngested(KafkaClientSettings kafka, String group, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (ConsumerLag lag = new ConsumerLag(kafka)) {
            while (lag.of(group, topic) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ingest did not catch up with " + topic + " within 10 minutes");
                }
                Thread.sleep(200);
            }
        }
    }

    public static List<EvalQuestion> readQuestions(Path file) throws java.io.IOException {
        try {
            return WireFormat.mapper().readValue(file.toFile(), new TypeReference<List<EvalQuestion>>() { });
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException("bad questions file " + file + ": " + e.getOriginalMessage(), e);
        }
    }
}
