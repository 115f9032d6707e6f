package routes.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Every question of a filter, read from a database cursor as the export asks for them: nothing is
 * held in memory, and the connection goes back to the pool at the end.
 */
public final class RowCursor implements AutoCloseable {

    private final Connection connection;
    private final ResultSet rows;

    private RowCursor(Connection connection, ResultSet rows) {
        this.connection = connection;
        this.rows = rows;
    }

    public static RowCursor open(DataSource database, GuildView guild, QuestionFilter filter) {
        Visible where = Visible.shown(guild).filtered(filter);
        try {
            Connection connection = database.getConnection();
            try {
                // PostgreSQL streams a result set only inside a transaction with a fetch size
                connection.setAutoCommit(false);
                PreparedStatement statement = connection.prepareStatement(DashboardQueries.ROW + where
                        + " ORDER BY q.asked_at_ms DESC, q.query_id DESC");
                statement.setFetchSize(500);
                LogReader.bind(statement, where.params);
                return new RowCursor(connection, statement.executeQuery());
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw LogReader.unavailable(e);
        }
    }

    /** The next row, or null at the end. */
    public DashboardQueries.Row next() throws SQLException {
        return rows.next() ? DashboardQueries.row(rows) : null;
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException ignored) {
            // the pool discards a connection it cannot reset
        }
    }
}
