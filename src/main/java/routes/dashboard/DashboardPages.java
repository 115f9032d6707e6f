package routes.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.Variable;

/**
 * The model of each dashboard page, for its mustache template (which escapes every value). Reads
 * the log through DashboardQueries with the guild as the viewer may see it now.
 */
public class DashboardPages {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final int CHART_DAYS = 30;

    private final DashboardQueries log;
    private final ProactiveQueries proactive;
    private final DashboardViewer viewers;
    private final Clock clock;
    private final double gapSimilarity;
    private final int gapQuestions;

    public DashboardPages(DashboardQueries log, ProactiveQueries proactive, DashboardViewer viewers, Clock clock, double gapSimilarity,
                          int gapQuestions) {
        this.log = log;
        this.proactive = proactive;
        this.viewers = viewers;
        this.clock = clock;
        this.gapSimilarity = gapSimilarity;
        this.gapQuestions = gapQuestions;
    }

    /** GET /dashboard: the guilds the viewer may administer now, or the login. */
    public Map<String, Object> home(@Header("Cookie") String cookie) {
        Viewer viewer = viewers.current(cookie);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", "RTFM dashboard");
        page.put("loggedIn", viewer != null);
        if (viewer != null) {
            page.putAll(frame(viewer, null));
            GuildAccess access = viewers.access();
            List<GuildView> guilds = access.loginRequired() ? access.administered(viewer.userId(), viewer.guildIds())
                    : log.guildIds().stream().map(id -> access.open(viewer.userId(), id)).toList();
            page.put("guilds", guilds);
            page.put("noGuilds", guilds.isEmpty());
        }
        return page;
    }

    public Map<String, Object> overview(@Variable("viewer") Viewer viewer, @Variable("guild") GuildView guild) {
        Map<String, Object> page = frame(viewer, guild);
        page.put("title", guild.name() + " — overview");
        long now = clock.millis();
        DashboardQueries.Overview overview = log.overview(guild, now, CHART_DAYS);
        page.put("chart", DayChart.draw(overview.perDay(), now / DashboardQueries.DAY_MS, CHART_DAYS));
        page.put("total", overview.total());
        page.put("up", overview.up());
        page.put("down", overview.down());
        page.put("helpfulRate", helpfulRate(overview.up(), overview.down()));
        page.put("medianAnswer", overview.medianMs() == null ? "no answers yet" : seconds(overview.medianMs().longValue()));
        page.put("topChannels", overview.topChannels().entrySet().stream()
                .map(e -> Map.of("name", guild.channelName(e.getKey()), "id", e.getKey(), "count", e.getValue())).toList());
        ProactiveQueries.Figures unasked = proactive.since(guild, (now / DashboardQueries.DAY_MS - CHART_DAYS + 1) * DashboardQueries.DAY_MS);
        if (unasked.any()) {
            page.put("proactive", Map.of("answered", unasked.answered(), "heldBack", unasked.heldBack(),
                    "helpfulRate", helpfulRate(unasked.up(), unasked.down()), "removed", unasked.removed()));
        }
        return page;
    }

    private static String helpfulRate(int up, int down) {
        return up + down == 0 ? "no votes yet" : Math.round(100.0 * up / (up + down)) + "%";
    }

    public Map<String, Object> questions(@Variable("viewer") Viewer viewer, @Variable("guild") GuildView guild,
                                         @Headers Map<String, Object> params) {
        QuestionFilter filter = QuestionFilter.parse(strings(params));
        List<DashboardQueries.Row> rows = log.questions(guild, filter);
        if (rows.isEmpty() && filter.page() > 1) {
            int pages = Math.max(1, (log.count(guild, filter) + DashboardQueries.PAGE_SIZE - 1) / DashboardQueries.PAGE_SIZE);
            throw DashboardException.badParameter("page", "there " + (pages == 1 ? "is 1 page" : "are " + pages + " pages") + " of questions");
        }
        Map<String, Object> page = frame(viewer, guild);
        page.put("title", guild.name() + " — questions");
        boolean more = rows.size() > DashboardQueries.PAGE_SIZE;
        page.put("rows", rows.stream().limit(DashboardQueries.PAGE_SIZE).map(row -> rowModel(guild, row)).toList());
        page.put("empty", rows.isEmpty());
        page.put("page", filter.page());
        String query = query(filter.asParameters());
        page.put("next", more ? "?" + query + (query.isEmpty() ? "" : "&") + "page=" + (filter.page() + 1) : null);
        page.put("previous", filter.page() > 1 ? "?" + query + (query.isEmpty() ? "" : "&") + "page=" + (filter.page() - 1) : null);
        page.put("exportCsv", "/dashboard/guilds/" + guild.id() + "/export?" + query + (query.isEmpty() ? "" : "&") + "format=csv");
        page.put("exportJson", "/dashboard/guilds/" + guild.id() + "/export?" + query + (query.isEmpty() ? "" : "&") + "format=json");
        page.put("filter", filter);
        page.put("outcomes", options(QuestionFilter.OUTCOMES, filter.outcome()));
        page.put("votes", options(List.of("up", "down", "none"), filter.vote()));
        page.put("channels", guild.channelNames().entrySet().stream().filter(e -> guild.mayRead(e.getKey()))
                .map(e -> Map.of("value", e.getKey(), "label", e.getValue(), "selected", e.getKey().equals(filter.channel()))).toList());
        return page;
    }

    public Map<String, Object> question(@Variable("viewer") Viewer viewer, @Variable("guild") GuildView guild, @Header("query") String queryId) {
        DashboardQueries.Row row = log.question(guild, queryId);
        if (row == null) {
            throw new DashboardException(404, "No question with this id that you may read in this guild.");
        }
        Map<String, Object> page = frame(viewer, guild);
        page.put("title", guild.name() + " — question");
        page.put("q", rowModel(guild, row));
        List<Map<String, Object>> sources = new ArrayList<>();
        int hidden = 0;
        for (DashboardQueries.Source source : log.sources(queryId)) {
            if (!guild.mayRead(source.channelId())) {
                hidden++;
                continue;
            }
            sources.add(Map.of("rank", source.rank(), "channel", guild.channelName(source.channelId()),
                    "link", "https://discord.com/channels/" + guild.id() + "/" + source.channelId() + "/" + source.messageId(),
                    "score", String.format(java.util.Locale.ROOT, "%.2f", source.score())));
        }
        page.put("sources", sources);
        page.put("hiddenSources", hidden);
        page.put("votes", log.votes(queryId).stream().map(v -> Map.of("vote", "up".equals(v.vote()) ? "👍" : "👎",
                "comment", v.comment() == null ? "" : v.comment(), "at", TIME.format(Instant.ofEpochMilli(v.votedAtMs())))).toList());
        return page;
    }

    public Map<String, Object> gaps(@Variable("viewer") Viewer viewer, @Variable("guild") GuildView guild) {
        Map<String, Object> page = frame(viewer, guild);
        page.put("title", guild.name() + " — knowledge gaps");
        List<GapTopics.Topic> topics = GapTopics.group(log.gapQuestions(guild, gapQuestions), gapSimilarity);
        page.put("topics", topics.stream().map(topic -> Map.of("size", topic.size(), "lastAsked",
                TIME.format(Instant.ofEpochMilli(topic.lastAskedMs())), "examples", topic.examples().stream()
                        .map(q -> Map.of("text", q.text(), "link", "/dashboard/guilds/" + guild.id() + "/questions/" + q.queryId())).toList())).toList());
        page.put("empty", topics.isEmpty());
        return page;
    }

    private Map<String, Object> rowModel(GuildView guild, DashboardQueries.Row row) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", row.queryId());
        model.put("link", "/dashboard/guilds/" + guild.id() + "/questions/" + row.queryId());
        model.put("askedAt", TIME.format(Instant.ofEpochMilli(row.askedAtMs())));
        model.put("channel", guild.channelName(row.channelId()));
        model.put("asker", row.asker() == null ? "" : row.asker());
        model.put("question", row.question());
        model.put("outcome", row.mode() == null ? "pending" : row.mode());
        model.put("answer", row.answer() == null ? "" : row.answer());
        model.put("took", row.latencyMs() == null ? "" : seconds(row.latencyMs()));
        model.put("up", row.up());
        model.put("down", row.down());
        return model;
    }

    private Map<String, Object> frame(Viewer viewer, GuildView guild) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("viewerName", viewer.name());
        page.put("csrf", viewer.csrfToken());
        page.put("loginRequired", viewers.loginRequired());
        if (guild != null) {
            page.put("guildId", guild.id());
            page.put("guildName", guild.name());
        }
        return page;
    }

    private static List<Map<String, Object>> options(List<String> values, String selected) {
        return values.stream().map(v -> Map.<String, Object>of("value", v, "label", v, "selected", v.equals(selected))).toList();
    }

    static Map<String, String> strings(Map<String, Object> headers) {
        Map<String, String> params = new LinkedHashMap<>();
        headers.forEach((k, v) -> params.put(k, v == null ? null : v.toString()));
        return params;
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
