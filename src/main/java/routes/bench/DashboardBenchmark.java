package routes.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import routes.dashboard.DashboardPages;
import routes.dashboard.DashboardQueries;
import routes.dashboard.GuildView;
import routes.dashboard.QuestionExport;
import routes.dashboard.Templates;
import routes.dashboard.Viewer;
import routes.questionlog.LogDatabase;

/**
 * bench --dashboard: the dashboard's server time over a large log. A schema of its own in PostgreSQL,
 * migrated like production, filled with {@code questions} questions of one guild over 30 days (a vote on
 * one in ten, a source each, 5% no_match with a vector); then each page built and rendered 50 times
 * (p95), and the CSV export of the whole guild streamed, with the heap's growth meanwhile. The schema is
 * dropped at the end.
 */
public final class DashboardBenchmark {

    private static final String GUILD = "900000000000000001";
    private static final List<String> CHANNELS = List.of("900000000000000010", "900000000000000011", "900000000000000012");
    private static final int RUNS = 50;

    private DashboardBenchmark() {
    }

    public static Map<String, Object> run(String databaseUrl, int questions, Consumer<String> progress) throws Exception {
        if (databaseUrl == null || !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("bench --dashboard measures on PostgreSQL: set RTFM_DATABASE_URL to a jdbc:postgresql: URL");
        }
        String schema = "rtfm_bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = java.sql.DriverManager.getConnection(databaseUrl, System.getenv("RTFM_DATABASE_USER"),
                System.getenv("RTFM_DATABASE_PASSWORD")); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(System.getenv("RTFM_DATABASE_USER"));
        config.setPassword(System.getenv("RTFM_DATABASE_PASSWORD"));
        config.setMaximumPoolSize(4);
        try (HikariDataSource database = new HikariDataSource(config)) {
            LogDatabase.migrate(database);
            progress.accept("filling " + questions + " questions of one guild");
            long now = System.currentTimeMillis();
            String someQuery = LogSeed.fill(database, questions, now, GUILD, CHANNELS);
            DashboardQueries queries = new DashboardQueries(database);
            GuildView guild = new GuildView(GUILD, "bench", Set.copyOf(CHANNELS), Map.of());
            Viewer viewer = Viewer.local("csrf");
            // local mode's viewer: the figures are the pages' own work, not Discord's
            routes.dashboard.DashboardViewer viewers = new routes.dashboard.DashboardViewer(new routes.dashboard.Sessions(
                    java.time.Duration.ofHours(1), 10, Clock.systemUTC()), new routes.dashboard.DiscordLogin("", "", "", "", "http://unused/"),
                    new routes.dashboard.LocalGuilds(queries));
            DashboardPages pages = new DashboardPages(queries, new routes.dashboard.ProactiveQueries(database), viewers, Clock.systemUTC(),
                    0.55, 1000);
            Templates templates = new Templates();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("questions", questions);
            figures.put("overview_p95_ms", p95(() -> templates.render(pagesOverview(pages, viewer, guild), "overview")));
            figures.put("questions_filtered_p95_ms", p95(() -> templates.render(pages.questions(viewer, guild,
                    Map.of("outcome", "no_match")), "questions")));
            figures.put("question_detail_p95_ms", p95(() -> templates.render(pages.question(viewer, guild, someQuery), "question")));
            figures.put("search_p95_ms", p95(() -> templates.render(pages.questions(viewer, guild, Map.of("q", "rotate")), "questions")));
            figures.put("gaps_p95_ms", p95(() -> templates.render(pages.gaps(viewer, guild), "gaps")));
            progress.accept("streaming the CSV export of all " + questions + " questions");
            // once for the time, once more collecting every 10,000 rows for what the export keeps: the heap it allocates
            // and drops (garbage) is not growth
            figures.put("export_csv_s", Math.round(export(database, guild, false)[0] / 1e7) / 100.0);
            long[] retained = export(database, guild, true);
            figures.put("export_csv_mb", Math.round(retained[1] / 1e5) / 10.0);
            figures.put("export_heap_growth_mb", Math.round(retained[2] / 1e5) / 10.0);
            return figures;
        } finally {
            try (Connection admin = java.sql.DriverManager.getConnection(databaseUrl, System.getenv("RTFM_DATABASE_USER"),
                    System.getenv("RTFM_DATABASE_PASSWORD")); Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** {nanoseconds, bytes, largest heap growth after a collection} of streaming the whole CSV export. */
    private static long[] export(HikariDataSource database, GuildView guild, boolean sampleHeap) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        long growth = 0;
        long started = System.nanoTime();
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[8192];
        try (InputStream csv = new QuestionExport(database).export(new org.apache.camel.support.DefaultExchange(
                new org.apache.camel.impl.DefaultCamelContext()), guild, Map.of("format", "csv"))) {
            for (int n; (n = csv.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n' && ++lines % 10_000 == 0 && sampleHeap) {
                        System.gc();
                        growth = Math.max(growth, runtime.totalMemory() - runtime.freeMemory() - heapBefore);
                    }
                }
            }
        }
        return new long[] {System.nanoTime() - started, bytes, growth};
    }

    private static Map<String, Object> pagesOverview(DashboardPages pages, Viewer viewer, GuildView guild) {
        return pages.overview(viewer, guild);
    }

    private interface Page {
        String render() throws Exception;
    }

    private static long p95(Page page) throws Exception {
        page.render();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            page.render();
            times.add((System.nanoTime() - started) / 1_000_000);
        }
        Collections.sort(times);
        return Percentile.of(times, 95);
    }

}
