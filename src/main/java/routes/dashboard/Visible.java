package routes.dashboard;

import java.util.ArrayList;
import java.util.List;
import routes.questionlog.AskedVia;

/**
 * The WHERE clause every dashboard query starts from: one guild, only the channels the viewer may
 * read, and, where text is shown, never a question asked privately. One place, so no page can show
 * what another would hide.
 */
final class Visible {

    final StringBuilder sql = new StringBuilder();
    final List<Object> params = new ArrayList<>();

    private Visible() {
    }

    /** Questions the viewer may count: private ones included. */
    static Visible counted(GuildView guild) {
        Visible where = new Visible();
        where.sql.append(" q.guild_id = ?");
        where.params.add(guild.id());
        if (guild.readableChannels() != null) {
            if (guild.readableChannels().isEmpty()) {
                where.sql.append(" AND 1 = 0");
            } else {
                where.sql.append(" AND q.channel_id IN (").append("?,".repeat(guild.readableChannels().size() - 1)).append("?)");
                where.params.addAll(guild.readableChannels());
            }
        }
        return where;
    }

    /** Questions the viewer may read: as counted, without the ones asked with /ask private:true. */
    static Visible shown(GuildView guild) {
        Visible where = counted(guild);
        where.sql.append(" AND q.question IS NOT NULL AND (q.asked_via IS NULL OR q.asked_via <> '" + AskedVia.SLASH_PRIVATE.column() + "')");
        return where;
    }

    Visible and(String condition, Object... values) {
        sql.append(" AND ").append(condition);
        params.addAll(List.of(values));
        return this;
    }

    /** The questions page's and the export's filters. */
    Visible filtered(QuestionFilter filter) {
        if (filter.outcome() != null) {
            and("q.mode = ?", filter.outcome());
        }
        if ("up".equals(filter.vote()) || "down".equals(filter.vote())) {
            and("EXISTS (SELECT 1 FROM votes v WHERE v.query_id = q.query_id AND v.vote = ?)", filter.vote());
        } else if ("none".equals(filter.vote())) {
            and("NOT EXISTS (SELECT 1 FROM votes v WHERE v.query_id = q.query_id)");
        }
        if (filter.channel() != null) {
            and("q.channel_id = ?", filter.channel());
        }
        if (filter.fromMs() != null) {
            and("q.asked_at_ms >= ?", filter.fromMs());
        }
        if (filter.untilMs() != null) {
            and("q.asked_at_ms < ?", filter.untilMs());
        }
        if (filter.text() != null) {
            String like = "%" + filter.text().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            and("(LOWER(q.question) LIKE ? ESCAPE '\\' OR LOWER(q.answer) LIKE ? ESCAPE '\\')", like, like);
        }
        return this;
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
