package routes.dashboard;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Headers;
import org.apache.camel.Variable;

/**
 * The questions page's filter as CSV or JSON, with the same visibility: a stream that reads the
 * next row from the database only when the HTTP response wants more bytes, so 100,000 rows never
 * sit in memory.
 */
public class QuestionExport {

    static final String CSV_HEADER = "query_id,asked_at,channel,asker,question,outcome,answer,latency_ms,up_votes,down_votes\n";

    private final DataSource database;

    public QuestionExport(DataSource database) {
        this.database = database;
    }

    public InputStream export(Exchange exchange, @Variable("guild") GuildView guild, @Headers java.util.Map<String, Object> params) {
        String format = params.get("format") == null ? "csv" : params.get("format").toString();
        if (!format.equals("csv") && !format.equals("json")) {
            throw DashboardException.badParameter("format", "csv or json");
        }
        QuestionFilter filter = QuestionFilter.parse(DashboardPages.strings(params));
        exchange.setVariable("format", format);
        RowCursor cursor = RowCursor.open(database, guild, filter);
        return format.equals("csv") ? new Rows(cursor, guild, true) : new Rows(cursor, guild, false);
    }

    /** The export's bytes, a row at a time. */
    private static final class Rows extends InputStream {
        private final RowCursor cursor;
        private final GuildView guild;
        private final boolean csv;
        private byte[] chunk;
        private int position;
        private boolean first = true;
        private boolean done;

        Rows(RowCursor cursor, GuildView guild, boolean csv) {
            this.cursor = cursor;
            this.guild = guild;
            this.csv = csv;
            this.chunk = (csv ? CSV_HEADER : "[").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (chunk != null && position >= chunk.length) {
                chunk = nextChunk();
                position = 0;
            }
            if (chunk == null) {
                return -1;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
        }

        private byte[] nextChunk() throws IOException {
            if (done) {
                return null;
            }
            try {
                DashboardQueries.Row row = cursor.next();
                if (row == null) {
                    done = true;
                    cursor.close();
                    return csv ? null : "]\n".getBytes(StandardCharsets.UTF_8);
                }
                String line = csv ? csvLine(row) : (first ? "\n" : ",\n") + jsonLine(row);
                first = false;
                return line.getBytes(StandardCharsets.UTF_8);
            } catch (SQLException e) {
                done = true;
                cursor.close();
                throw new IOException("the export stopped: the database did not answer (" + e.getSQLState() + ")");
            }
        }

        private String csvLine(DashboardQueries.Row row) {
            return String.join(",", csvField(row.queryId()), Instant.ofEpochMilli(row.askedAtMs()).toString(),
                    csvField(guild.channelName(row.channelId())), csvField(row.asker()), csvField(row.question()), csvField(row.mode()),
                    csvField(row.answer()), row.latencyMs() == null ? "" : row.latencyMs().toString(), Integer.toString(row.up()),
                    Integer.toString(row.down())) + "\n";
        }

        private String jsonLine(DashboardQueries.Row row) {
            return "{\"query_id\":" + jsonString(row.queryId()) + ",\"asked_at\":\"" + Instant.ofEpochMilli(row.askedAtMs())
                    + "\",\"channel\":" + jsonString(guild.channelName(row.channelId())) + ",\"asker\":" + jsonString(row.asker())
                    + ",\"question\":" + jsonString(row.question()) + ",\"outcome\":" + jsonString(row.mode()) + ",\"answer\":"
                    + jsonString(row.answer()) + ",\"latency_ms\":" + row.latencyMs() + ",\"up_votes\":" + row.up()
                    + ",\"down_votes\":" + row.down() + "}";
        }

        @Override
        public void close() {
            done = true;
            cursor.close();
        }
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a leading =,+,-,@ is neutralised for spreadsheets. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches("(?s).*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    static String jsonString(String value) {
        return value == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
