package routes.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** Runs the dashboard's read-only statements on the question log: a database that does not answer is a 503 page. */
final class LogReader {

    interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private final DataSource database;

    LogReader(DataSource database) {
        this.database = database;
    }

    void query(String sql, List<Object> params, RowHandler handler) {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }

    static DashboardException unavailable(SQLException e) {
        return new DashboardException(503, "The question log's database did not answer (" + e.getSQLState() + "): try again shortly");
    }
}
