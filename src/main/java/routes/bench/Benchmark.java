package routes.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Consumer;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.embedding.ConversationContext;
import routes.embedding.MessageEmbedder;
import routes.kafka.HistoryPublisher;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicCatalog;
import routes.local.ChromaServer;
import routes.local.EmbeddedKafkaBroker;
import routes.schema.DiscordChatExport;
import routes.schema.DiscordMessage;

/**
 * RTFM's speed in one process, as the history issue defines it: the embedded Kafka broker, a local
 * Chroma server and a Gemini stand-in in this JVM, the production routes in between. The inputs
 * are an export's messages replicated with new ids to N.
 */
public final class Benchmark {

    /** The figures, under the keys `bench --json` writes. */
    public record Report(int messages, int queries, double embeddingOneByOnePerS, double embeddingCeilingPerS, double ingestPerS, double ingestRatio, long queryP50Ms,
                         long queryP95Ms, long queryP99Ms, long queryP50LogOffMs, long inprocessP50Ms, long inprocessScopedP50Ms, double concurrentWallS, double concurrentOneChannelWallS, long peakRssMb,
                         String jvm, java.util.Map<String, Long> queryBreakdownMs) {
    }

    private static final int CONCURRENT = 60;
    private static final long CONCURRENT_GEMINI_MS = 1500;
    private static final int WARM_UP = 10;
    private static final int LOG_BLOCK = 20;

    private Benchmark() {
    }

    public static Report run(Path export, int n, int m, Path localDir, Consumer<String> progress) throws Exception {
        List<DiscordMessage> base = new ArrayList<>();
        DiscordChatExport.stream(export, true, base::add);
        List<DiscordMessage> messages = replicate(base, n);
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary();
             ChromaServer chromaServer = new ChromaServer(localDir.resolve("chroma-server"), Files.createTempDirectory(run));
             GeminiStandIn gemini = new GeminiStandIn()) {
            Properties config = new Properties();
            config.setProperty("rtfm.kafka.bootstrap-servers", broker.start());
            config.setProperty("rtfm.chroma.url", chromaServer.start());
            config.setProperty("rtfm.chroma.collection", run);
            TopicCatalog.ROLES.forEach(role -> config.setProperty("rtfm.topics." + role + ".name", run + "-" + role));
            config.setProperty("rtfm.gemini.api-key", "bench-stand-in");
            config.setProperty("rtfm.gemini.base-url", gemini.baseUrl());
            config.setProperty("rtfm.console.enabled", "false");
            config.setProperty("rtfm.backfill.enabled", "false");
            config.setProperty("rtfm.http.host", "127.0.0.1");
            config.setProperty("rtfm.http.port", Integer.toString(routes.local.FreePort.pick()));
            config.setProperty("rtfm.http.api-token", "");
            config.setProperty("rtfm.local.dir", localDir.toString());
            // the question log in a fresh embedded database of its own, never the one `make run` keeps in rtfm.local.dir
            config.setProperty("rtfm.database.url", routes.questionlog.LogDatabase.embeddedUrl(Files.createTempDirectory(run + "-log")));
            try (RtfmApplication app = new RtfmApplication(config)) {
                org.apache.camel.CamelContext camel = app.start();
                RoundTrips roundTrips = RoundTrips.watching(camel);
                ChromaCollection chroma = camel.getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
                // the app's own model (one in the process, as in production), while the app is idle
                MessageEmbedder embedder = camel.getRegistry().lookupByNameAndType("embedder", MessageEmbedder.class);
                int batch = Integer.parseInt(camel.resolvePropertyPlaceholders("{{rtfm.ingest.batch-size}}"));
                progress.accept("embedding " + n + " texts with the model alone, " + batch + " a call as ingest does, and one by one");
                double ceiling = ceiling(messages, embedder, batch);
                double oneByOne = ceiling(messages.subList(0, Math.min(n, 500)), embedder, 1);
                progress.accept("ingesting " + n + " messages through Kafka into Chroma");
                double ingest = ingest(messages, KafkaClientSettings.of(config.getProperty("rtfm.kafka.bootstrap-servers")),
                        config.getProperty("rtfm.topics.messages.name"), chroma);
                BenchAsker asker = new BenchAsker("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + "/api/ask", base.get(0).guildId());
                List<String> questions = base.stream().map(msg -> msg.content().length() > 80 ? msg.content().substring(0, 80) : msg.content())
                        .filter(q -> q.length() > 20).toList();
                progress.accept("asking " + m + " questions, one after another (after " + WARM_UP + " not counted)");
                for (int i = 0; i < WARM_UP; i++) {
                    asker.askMillis(questions.get(i % questions.size()), "bench", "bench");
                }
                // blocks of LOG_BLOCK with the question log on, then off (its writer's route stopped), in turn: the same
                // machine state for both, so their p50s compare
                List<Long> latencies = new ArrayList<>();
                List<BenchAsker.Timing> timings = new ArrayList<>();
                List<Long> logOff = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    timings.add(asker.ask(questions.get(i % questions.size()), "bench", "bench"));
                    latencies.add(timings.get(timings.size() - 1).totalMs());
                    if ((i + 1) % LOG_BLOCK == 0 || i == m - 1) {
                        camel.getRouteController().stopRoute("record-answers");
                        for (int j = i + 1 - LOG_BLOCK; j <= i; j++) {
                            logOff.add(asker.askMillis(questions.get(Math.max(0, j) % questions.size()), "bench", "bench"));
                        }
                        camel.getRouteController().startRoute("record-answers");
                    }
                }
                Collections.sort(latencies);
                Collections.sort(logOff);
                long inprocess = InProcessSearch.unscopedP50(questions, chroma, embedder);
                long scoped = InProcessSearch.scopedP50(questions, chroma, embedder,
                        camel.getRegistry().lookupByNameAndType("chromaRequests", routes.chroma.ChromaRequests.class), base.get(0).guildId());
                gemini.delay(CONCURRENT_GEMINI_MS);
                progress.accept("asking " + CONCURRENT + " questions at once from " + CONCURRENT + " channels, Gemini taking "
                        + CONCURRENT_GEMINI_MS + " ms each");
                double concurrentWall = concurrentWall(asker, questions, i -> "bench-channel-" + i, i -> "bench");
                progress.accept("asking " + CONCURRENT + " questions at once from " + CONCURRENT + " members in one channel");
                double oneChannelWall = concurrentWall(asker, questions, i -> "bench-busy-channel", i -> "bench-member-" + i);
                return new Report(n, m, oneByOne, ceiling, ingest, ingest / ceiling, Percentile.of(latencies, 50), Percentile.of(latencies, 95),
                        Percentile.of(latencies, 99), Percentile.of(logOff, 50), inprocess, scoped, concurrentWall, oneChannelWall, peakRssMb(), jvm(),
                        Breakdown.of(timings, roundTrips::of));
            }
        }
    }

    /** Seconds from asking CONCURRENT questions at once (the i-th in channel(i), by user(i)) to the last answer. */
    private static double concurrentWall(BenchAsker asker, List<String> questions, IntFunction<String> channel, IntFunction<String> user) {
        java.util.concurrent.ExecutorService askers = java.util.concurrent.Executors.newFixedThreadPool(CONCURRENT);
        long started = System.nanoTime();
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            String question = questions.get((i * 7) % questions.size());
            int asking = i;
            all.add(CompletableFuture.supplyAsync(() -> asker.askMillis(question, channel.apply(asking), user.apply(asking)), askers));
        }
        all.forEach(CompletableFuture::join);
        askers.shutdown();
        return (System.nanoTime() - started) / 1e9;
    }

    static List<DiscordMessage> replicate(List<DiscordMessage> base, int n) {
        List<DiscordMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            DiscordMessage b = base.get(i % base.size());
            String round = i < base.size() ? "" : "-r" + (i / base.size());
            out.add(new DiscordMessage(b.messageId() + round, b.content(), b.username(), b.userId(), b.channelId(), b.timestamp(),
                    b.metadata(), b.schemaVersion(), b.event(), b.guildId(), b.channelName(), b.threadId(),
                    b.replyToMessageId() == null ? null : b.replyToMessageId() + round, b.authorIsBot(), b.attachments(), b.jumpUrl(),
                    b.replyToContent(), b.addressesBot(), DiscordMessage.IMPORT));
        }
        return out;
    }

    /** Texts embedded per second by the model alone, {@code batch} texts a call (ingest's batch size, or 1). */
    private static double ceiling(List<DiscordMessage> messages, MessageEmbedder embedder, int batch) {
        List<String> texts = messages.stream().map(ConversationContext::textOf).toList();
        embedder.embedAll(texts.subList(0, Math.min(20, texts.size())));
        long started = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batch) {
            embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + batch)));
        }
        return texts.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static double ingest(List<DiscordMessage> messages, KafkaClientSettings kafka, String topic, ChromaCollection chroma)
            throws InterruptedException {
        long started = System.nanoTime();
        try (HistoryPublisher publisher = new HistoryPublisher(kafka, topic, routes.RtfmSettings.load(new Properties())::get)) {
            messages.forEach(publisher::publish);
            publisher.flush();
        }
        while (chroma.count() < messages.size()) {
            Thread.sleep(100);
        }
        return messages.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static long peakRssMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static String jvm() {
        return "Java " + Runtime.version() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " CPUs, flags " + ManagementFactory.getRuntimeMXBean().getInputArguments();
    }
}
