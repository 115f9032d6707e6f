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
import routes.RtfmConfiguration;
import routes.RtfmSettings;
import routes.chroma.ChromaCollection;
import routes.eval.EvalQuestion;
import routes.eval.RetrievalEvaluation;
import routes.eval.RetrievalReport;
import routes.local.ChromaServer;
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
        RtfmReport report = run(RtfmSettings.load(props), export, set, chromaUrl);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("indexed %d messages of %d; %d questions%n", report.indexed(), export.size(), set.size());
        report.retrieval().misses().forEach(miss -> out.println("  " + miss));
        out.println(report.retrieval());
        out.printf(java.util.Locale.ROOT, "headline recall@%d = %.3f%n", k, report.retrieval().recallAt(k));
        out.flush();
        return 0;
    }

    /** What one evaluation found. */
    public record RtfmReport(int indexed, RetrievalReport retrieval) {
    }

    /** Runs an evaluation in a fresh collection that is dropped afterwards. */
    public static RtfmReport run(RtfmSettings settings, List<DiscordMessage> export, List<EvalQuestion> set, String chromaUrl)
            throws Exception {
        String url = chromaUrl != null ? chromaUrl : settings.get("rtfm.chroma.url");
        ChromaServer local = null;
        if (url == null) {
            Path dir = Path.of(settings.get("rtfm.local.dir", ".rtfm"));
            local = new ChromaServer(dir.resolve("chroma-server"), Files.createTempDirectory("rtfm-eval-chroma"));
            url = local.start();
        }
        RtfmConfiguration beans = new RtfmConfiguration();
        String name = "rtfm-eval-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = settings.get("rtfm.chroma.tenant");
        String database = settings.get("rtfm.chroma.database");
        int candidates = Math.max(RetrievalEvaluation.DEPTH, Integer.parseInt(settings.get("rtfm.retrieval.candidates")));
        ChromaCollection collection = beans.chromaCollection(url, tenant, database, name);
        try {
            RetrievalEvaluation evaluation = new RetrievalEvaluation(collection,
                    beans.conversation(Boolean.parseBoolean(settings.get("rtfm.retrieval.conversation-context")), url, tenant, database,
                            name, candidates),
                    beans.chromaRequests(candidates),
                    beans.candidateSelector(Double.parseDouble(settings.get("rtfm.retrieval.min-similarity")), RetrievalEvaluation.DEPTH,
                            Double.parseDouble(settings.get("rtfm.retrieval.lexical-weight"))),
                    beans.questions(settings.get("rtfm.trigger-word")));
            int indexed = evaluation.ingest(export);
            String guild = export.isEmpty() ? null : export.get(0).guildId();
            return new RtfmReport(indexed, evaluation.evaluate(set, guild));
        } finally {
            collection.drop();
            if (local != null) {
                local.close();
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
