package routes.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import routes.schema.BotResponse;

/**
 * The question log as the dashboard reads it: every query starts from {@link Visible}, so a
 * question the viewer may not read is never selected, whatever the page.
 */
public class DashboardQueries {

    public static final int PAGE_SIZE = 25;
    static final long DAY_MS = 86_400_000L;
    static final String ROW = "SELECT q.query_id, q.asked_at_ms, q.channel_id, q.asker_name, q.question, q.mode, q.answer,"
            + " q.answered_at_ms - q.asked_at_ms AS latency_ms,"
            + " (SELECT COUNT(*) FROM votes u WHERE u.query_id = q.query_id AND u.vote = 'up') AS up_votes,"
            + " (SELECT COUNT(*) FROM votes d WHERE d.query_id = q.query_id AND d.vote = 'down') AS down_votes"
            + " FROM questions q WHERE";

    /** One logged question as a page or an export shows it. */
    public record Row(String queryId, long askedAtMs, String channelId, String asker, String question, String mode, String answer,
                      Long latencyMs, int up, int down) {
    }

    public record Source(int rank, String messageId, String channelId, double score) {
    }

    public record Vote(String vote, String comment, long votedAtMs) {
    }

    public record Overview(Map<Long, Map<String, Integer>> perDay, int up, int down, Double medianMs, Map<String, Integer> topChannels,
                           int total) {
    }

    private final LogReader reader;

    public DashboardQueries(DataSource database) {
        this.reader = new LogReader(database);
    }

    /** The guilds the log holds questions for (local mode lists them all). */
    public List<String> guildIds() {
        List<String> ids = new ArrayList<>();
        query("SELECT DISTINCT guild_id FROM questions WHERE guild_id IS NOT NULL ORDER BY guild_id", List.of(),
                rs -> ids.add(rs.getString(1)));
        return ids;
    }

    /** Whether the log holds a question from this guild: one index look-up, not the list of every guild. */
    public boolean holdsGuild(String guildId) {
        boolean[] found = {false};
        query("SELECT 1 FROM questions WHERE guild_id = ? FETCH FIRST 1 ROWS ONLY", List.of(guildId), rs -> found[0] = true);
        return found[0];
    }

    /** The channels a guild's questions were asked in (local mode names them by id). */
    public List<String> channelIds(String guildId) {
        List<String> ids = new ArrayList<>();
        query("SELECT DISTINCT channel_id FROM questions WHERE guild_id = ? AND channel_id IS NOT NULL ORDER BY channel_id", List.of(guildId),
                rs -> ids.add(rs.getString(1)));
        return ids;
    }

    /**
     * The last {@code days} days up to {@code nowMs}: questions per UTC day and outcome, votes, median answer time, top
     * channels. Three passes over the guild's recent questions, each served by the covering index questions_overview.
     */
    public Overview overview(GuildView guild, long nowMs, int days) {
        long since = (nowMs / DAY_MS - days + 1) * DAY_MS;
        // asked_at_ms comes with the question's own record: a row that has only its answer yet is not counted
        // a proactive question held back was asked by nobody and answered nobody: it has its own figures (ProactiveQueries)
        Visible where = Visible.counted(guild).and("q.asked_at_ms >= ?", since).and("COALESCE(q.mode, '') <> ?", BotResponse.PROACTIVE_SKIPPED);
        Map<Long, Map<String, Integer>> perDay = new LinkedHashMap<>();
        Map<String, Integer> channels = new LinkedHashMap<>();
        int[] total = {0};
        query("SELECT q.asked_at_ms / " + DAY_MS + " AS asked_day, q.mode, q.channel_id, COUNT(*) FROM questions q WHERE" + where
                + " GROUP BY q.asked_at_ms / " + DAY_MS + ", q.mode, q.channel_id", where.params, rs -> {
                    int count = rs.getInt(4);
                    perDay.computeIfAbsent(rs.getLong(1), d -> new LinkedHashMap<>()).merge(String.valueOf(rs.getString(2)), count, Integer::sum);
                    channels.merge(String.valueOf(rs.getString(3)), count, Integer::sum);
                    total[0] += count;
                });
        int[] votes = {0, 0};
        List<Object> voteParams = new ArrayList<>(List.of(guild.id()));
        voteParams.addAll(where.params);
        query("SELECT v.vote, COUNT(*) FROM votes v JOIN questions q ON q.query_id = v.query_id WHERE v.guild_id = ? AND" + where
                + " GROUP BY v.vote", voteParams, rs -> votes["up".equals(rs.getString(1)) ? 0 : 1] += rs.getInt(2));
        // latencies counted in 100 ms steps: the median to the tenth of a second the page shows, without sorting every row
        java.util.TreeMap<Long, Integer> steps = new java.util.TreeMap<>();
        query("SELECT (q.answered_at_ms - q.asked_at_ms) / 100 AS step, COUNT(*) FROM questions q WHERE" + where
                + " AND q.answered_at_ms IS NOT NULL GROUP BY (q.answered_at_ms - q.asked_at_ms) / 100", where.params,
                rs -> steps.put(rs.getLong(1), rs.getInt(2)));
        Map<String, Integer> top = new LinkedHashMap<>();
        channels.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).forEach(e -> top.put(e.getKey(), e.getValue()));
        return new Overview(perDay, votes[0], votes[1], LatencySteps.median(steps), top, total[0]);
    }

    /** One page of questions, newest first; one row more than a page when there is a next page. */
    public List<Row> questions(GuildView guild, QuestionFilter filter) {
        Visible where = Visible.shown(guild).filtered(filter);
        List<Row> rows = new ArrayList<>();
        List<Object> params = new ArrayList<>(where.params);
        params.add((long) (filter.page() - 1) * PAGE_SIZE);
        params.add(PAGE_SIZE + 1);
        query(ROW + where + " ORDER BY q.asked_at_ms DESC, q.query_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", params,
                rs -> rows.add(row(rs)));
        return rows;
    }

    public int count(GuildView guild, QuestionFilter filter) {
        Visible where = Visible.shown(guild).filtered(filter);
        int[] count = {0};
        query("SELECT COUNT(*) FROM questions q WHERE" + where, where.params, rs -> count[0] = rs.getInt(1));
        return count[0];
    }

    /** One question the viewer may read, or null. */
    public Row question(GuildView guild, String queryId) {
        Visible where = Visible.shown(guild).and("q.query_id = ?", queryId);
        List<Row> rows = new ArrayList<>();
        query(ROW + where, where.params, rs -> rows.add(row(rs)));
        return rows.isEmpty() ? null : rows.get(0);
    }

    public List<Source> sources(String queryId) {
        List<Source> sources = new ArrayList<>();
        query("SELECT source_rank, message_id, channel_id, score FROM answer_sources WHERE query_id = ? ORDER BY source_rank",
                List.of(queryId), rs -> sources.add(new Source(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDouble(4))));
        return sources;
    }

    public List<Vote> votes(String queryId) {
        List<Vote> votes = new ArrayList<>();
        query("SELECT vote, comment, voted_at FROM votes WHERE query_id = ? ORDER BY voted_at, user_id", List.of(queryId),
                rs -> votes.add(new Vote(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime())));
        return votes;
    }

    /** The newest questions that found nothing or got more 👎 than 👍, with their stored vectors: what the gaps page groups. */
    public List<GapTopics.Question> gapQuestions(GuildView guild, int limit) {
        Visible where = Visible.shown(guild).and("(q.mode = 'no_match' OR (SELECT COUNT(*) FROM votes d WHERE d.query_id = q.query_id"
                + " AND d.vote = 'down') > (SELECT COUNT(*) FROM votes u WHERE u.query_id = q.query_id AND u.vote = 'up'))");
        List<Object> params = new ArrayList<>(where.params);
        params.add(limit);
        List<GapTopics.Question> questions = new ArrayList<>();
        query("SELECT q.query_id, q.question, q.asked_at_ms, w.vector FROM questions q JOIN question_vectors w ON w.query_id = q.query_id"
                + " WHERE" + where + " ORDER BY q.asked_at_ms DESC, q.query_id DESC FETCH FIRST ? ROWS ONLY", params,
                rs -> questions.add(new GapTopics.Question(rs.getString(1), rs.getString(2), rs.getLong(3),
                        routes.questionlog.GapVectors.decode(rs.getString(4)))));
        return questions;
    }

    static Row row(ResultSet rs) throws SQLException {
        long latency = rs.getLong(8);
        Long latencyMs = rs.wasNull() ? null : latency;
        return new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), latencyMs, rs.getInt(9), rs.getInt(10));
    }

    private void query(String sql, List<Object> params, LogReader.RowHandler handler) {
        reader.query(sql, params, handler);
    }
}
