package routes.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import routes.RtfmSettings;
import routes.bench.Benchmark;
import routes.schema.WireFormat;

/** How fast RTFM is on this machine: ingest against the model's ceiling, answer latency, concurrent answers, memory. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ingest, answer latency and memory in one process (embedded Kafka, local Chroma, a Gemini stand-in).")
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--messages", defaultValue = "5000", paramLabel = "N", description = "messages to ingest (default 5000)")
    int messages;

    @Option(names = "--queries", defaultValue = "200", paramLabel = "M", description = "questions asked one after another (default 200)")
    int queries;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures to FILE as JSON")
    Path json;

    @Option(names = "--export", paramLabel = "FILE", defaultValue = "src/test/resources/data/llamaindex-help-sample.json",
            description = "the DiscordChatExporter export whose messages are replicated (default: the repository's sample)")
    Path export;

    @Option(names = "--log", description = "measure the question log alone: how fast record-answers writes --log-questions questions,"
            + " with their answers and votes, into RTFM_DATABASE_URL (else a fresh embedded H2)")
    boolean log;

    @Option(names = "--log-questions", defaultValue = "10000", paramLabel = "N", description = "questions for --log (default 10000)")
    int logQuestions;

    @Option(names = "--dashboard", description = "measure the dashboard alone: each page's server time (p95 of 50) and the CSV "
            + "export over --dashboard-questions logged questions, in PostgreSQL (RTFM_DATABASE_URL)")
    boolean dashboard;

    @Option(names = "--dashboard-questions", defaultValue = "100000", paramLabel = "N", description = "questions for --dashboard (default 100000)")
    int dashboardQuestions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || queries < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--messages and --queries must be at least 1");
        }
        if (!Files.isReadable(export)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + export + ": run from the repository, or pass --export FILE");
        }
        PrintWriter out = spec.commandLine().getOut();
        RtfmSettings settings = RtfmSettings.load(new java.util.Properties());
        if (log) {
            return logBench(out, settings);
        }
        if (dashboard) {
            Map<String, Object> figures = routes.bench.DashboardBenchmark.run(settings.get("rtfm.database.url", ""), dashboardQuestions,
                    line -> {
                        out.println("bench: " + line);
                        out.flush();
                    });
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            return 0;
        }
        Benchmark.Report report = Benchmark.run(export, messages, queries, Path.of(settings.require("rtfm.local.dir")), line -> {
            out.println("bench: " + line);
            out.flush();
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        // the model one text a call, beside its ceiling: how much batching the embedding call is worth
        figures.put("embedding_one_by_one_per_s", round(report.embeddingOneByOnePerS()));
        figures.put("embedding_ceiling_per_s", round(report.embeddingCeilingPerS()));
        figures.put("ingest_per_s", round(report.ingestPerS()));
        figures.put("ingest_ratio", Math.round(report.ingestRatio() * 100) / 100.0);
        figures.put("query_p50_ms", report.queryP50Ms());
        figures.put("query_p95_ms", report.queryP95Ms());
        figures.put("query_p99_ms", report.queryP99Ms());
        // the same questions with the question log's writer stopped, in blocks alternating with those above
        figures.put("query_p50_log_off_ms", report.queryP50LogOffMs());
        figures.put("log_on_off_p50_ratio", Math.round(report.queryP50Ms() * 100.0 / Math.max(1, report.queryP50LogOffMs())) / 100.0);
        figures.put("inprocess_p50_ms", report.inprocessP50Ms());
        // the same with the processor's own query, scoped to the guild: what the filter costs
        figures.put("inprocess_scoped_p50_ms", report.inprocessScopedP50Ms());
        // where the round trip goes, part by part (Breakdown)
        figures.put("query_breakdown_ms", report.queryBreakdownMs());
        figures.put("concurrent_wall_s", round(report.concurrentWallS()));
        figures.put("concurrent_one_channel_wall_s", round(report.concurrentOneChannelWallS()));
        figures.put("peak_rss_mb", report.peakRssMb());
        out.printf("%n%-26s %s%n", "figure", "value");
        figures.forEach((key, value) -> out.printf("%-26s %s%n", key, value));
        out.printf("%d messages, %d questions; %s%n", report.messages(), report.queries(), report.jvm());
        out.flush();
        if (json != null) {
            figures.put("messages", report.messages());
            figures.put("queries", report.queries());
            figures.put("jvm", report.jvm());
            Files.writeString(json, WireFormat.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        }
        return 0;
    }

    private Integer logBench(PrintWriter out, RtfmSettings settings) throws Exception {
        if (logQuestions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--log-questions must be at least 1");
        }
        routes.bench.LogBenchmark.Report report = routes.bench.LogBenchmark.run(logQuestions, settings.get("rtfm.database.url", ""),
                Path.of(settings.require("rtfm.local.dir")), line -> {
                    out.println("bench: " + line);
                    out.flush();
                });
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("log_questions", report.questions());
        figures.put("log_seconds", round(report.seconds()));
        figures.put("log_rows_per_s", round(report.rowsPerS()));
        figures.put("log_lag_when_done", report.lagWhenDone());
        figures.put("log_database", report.database());
        out.printf("%n%-26s %s%n", "figure", "value");
        figures.forEach((key, value) -> out.printf("%-26s %s%n", key, value));
        out.flush();
        if (json != null) {
            Files.writeString(json, WireFormat.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        }
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

}
