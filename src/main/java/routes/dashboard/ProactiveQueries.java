package routes.dashboard;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import routes.questionlog.AskedVia;
import routes.schema.BotResponse;
import routes.schema.Feedback;

/**
 * The overview's figures on proactive answers (questions the log records as asked_via proactive):
 * how many were answered and how many held back, the votes on the answered ones, and how many their
 * members removed ("Not helpful, remove", a 👎 that says so). Counted like every overview figure
 * (Visible.counted): only in channels the viewer may read.
 */
public class ProactiveQueries {

    public record Figures(int answered, int heldBack, int up, int down, int removed) {
        public boolean any() {
            return answered + heldBack > 0;
        }
    }

    private final LogReader reader;

    public ProactiveQueries(DataSource database) {
        this.reader = new LogReader(database);
    }

    public Figures since(GuildView guild, long sinceMs) {
        Visible where = Visible.counted(guild).and("q.asked_at_ms >= ?", sinceMs).and("q.asked_via = ?", AskedVia.PROACTIVE.column());
        int[] questions = {0, 0};
        reader.query("SELECT q.mode, COUNT(*) FROM questions q WHERE" + where + " GROUP BY q.mode", where.params,
                rs -> questions[BotResponse.PROACTIVE_SKIPPED.equals(rs.getString(1)) ? 1 : 0] += rs.getInt(2));
        int[] votes = {0, 0, 0};
        List<Object> params = new ArrayList<>(List.of(Feedback.REMOVED, guild.id()));
        params.addAll(where.params);
        reader.query("SELECT v.vote, COUNT(*), SUM(CASE WHEN v.comment = ? THEN 1 ELSE 0 END) FROM votes v"
                + " JOIN questions q ON q.query_id = v.query_id WHERE v.guild_id = ? AND" + where + " GROUP BY v.vote", params, rs -> {
                    votes[Feedback.UP.equals(rs.getString(1)) ? 0 : 1] += rs.getInt(2);
                    votes[2] += rs.getInt(3);
                });
        return new Figures(questions[0], questions[1], votes[0], votes[1], votes[2]);
    }
}
