package routes.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import routes.RtfmSettings;
import routes.questionlog.LogDatabase;

/** {@code log tail}: the latest questions of the question log, with their outcome and votes, while the app runs or not. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Read the question log (RTFM_DATABASE_URL, else the local mode's embedded database under rtfm.local.dir).",
        subcommands = {LogCommand.Tail.class})
public class LogCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: tail");
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print the latest questions: when, where, who, how asked, the outcome, 👍 and 👎 with their comments.")
    static class Tail implements Callable<Integer> {

        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-n", "--lines"}, defaultValue = "20", paramLabel = "N", description = "how many questions (default: ${DEFAULT-VALUE})")
        int lines;

        @Override
        public Integer call() throws SQLException {
            if (lines < 1 || lines > 10_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lines must be between 1 and 10000, not " + lines);
            }
            RtfmSettings settings = RtfmSettings.load(new Properties());
            Path localDir = Path.of(settings.require("rtfm.local.dir"));
            LogDatabase database = LogDatabase.of(settings.get("rtfm.database.url"), settings.get("rtfm.database.user"),
                    settings.get("rtfm.database.password"), 1, 5000, localDir);
            String url = database.url();
            if (database.embedded()) {
                if (!Files.exists(LogDatabase.embeddedFile(localDir))) {
                    throw new IllegalStateException("no question log under " + localDir.toAbsolutePath().resolve("log")
                            + ": run `make run` from this directory first, or set RTFM_DATABASE_URL");
                }
                // never create an empty database by looking for one
                url = url + ";IFEXISTS=TRUE";
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Connection connection = DriverManager.getConnection(url, blankToNull(database.user()), blankToNull(database.password()))) {
                print(connection, out);
            }
            out.flush();
            return 0;
        }

        private void print(Connection connection, PrintWriter out) throws SQLException {
            String latest = "SELECT query_id, asked_at, channel_id, asker_name, asker_id, asked_via, question, mode, latency_ms, up_votes, down_votes"
                    + " FROM question_log WHERE question IS NOT NULL ORDER BY asked_at DESC, query_id DESC FETCH FIRST ? ROWS ONLY";
            int shown = 0;
            out.printf("%-19s  %-12s  %-14s  %-13s  %-12s  %5s  %2s %2s  %s%n", "ASKED (UTC)", "CHANNEL", "ASKER", "VIA", "OUTCOME",
                    "MS", "👍", "👎", "QUESTION");
            try (PreparedStatement rows = connection.prepareStatement(latest);
                 PreparedStatement comments = connection.prepareStatement(
                         "SELECT vote, comment FROM votes WHERE query_id = ? AND comment IS NOT NULL ORDER BY voted_at")) {
                rows.setInt(1, lines);
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        shown++;
                        java.sql.Timestamp asked = row.getTimestamp("asked_at");
                        Object latency = row.getObject("latency_ms");
                        out.printf("%-19s  %-12s  %-14s  %-13s  %-12s  %5s  %2d %2d  %s%n",
                                asked == null ? "" : WHEN.format(asked.toInstant()), cut(row.getString("channel_id"), 12),
                                cut(row.getString("asker_name") != null ? row.getString("asker_name") : row.getString("asker_id"), 14),
                                cut(row.getString("asked_via"), 13), row.getString("mode") == null ? "(waiting)" : row.getString("mode"),
                                latency == null ? "" : latency.toString(), row.getInt("up_votes"), row.getInt("down_votes"),
                                cut(row.getString("question").replaceAll("\\s+", " "), 100));
                        comments.setString(1, row.getString("query_id"));
                        try (ResultSet comment = comments.executeQuery()) {
                            while (comment.next()) {
                                out.printf("%84s%s \"%s\"%n", "", "up".equals(comment.getString("vote")) ? "👍" : "👎",
                                        cut(comment.getString("comment").replaceAll("\\s+", " "), 100));
                            }
                        }
                    }
                }
            }
            if (shown == 0) {
                out.println("(no questions in the log yet)");
            }
        }

        private static String cut(String text, int max) {
            if (text == null) {
                return "";
            }
            return text.length() <= max ? text : text.substring(0, max - 1) + "…";
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
