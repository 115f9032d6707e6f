package routes.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import routes.questionlog.GapVectors;

/**
 * A large question log for bench --dashboard, the same every time (seeded): questions spread over 30 days and
 * the given channels, a vote on one in ten, a source each, one in twenty no_match with a random vector.
 */
final class LogSeed {

    private static final String[] MODES = {"generated", "generated", "generated", "sources_only", "sources_only", "error"};

    private LogSeed() {
    }

    /** Returns the last question's id. */
    static String fill(DataSource database, int questions, long now, String guild, List<String> channels) throws Exception {
        Random random = new Random(42);
        String last = null;
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement q = connection.prepareStatement("INSERT INTO questions (query_id, guild_id, channel_id, asker_id, "
                    + "asker_name, asked_via, question, asked_at, asked_at_ms, mode, answer, answered_at, answered_at_ms, recorded_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement v = connection.prepareStatement("INSERT INTO votes (query_id, user_id, guild_id, vote, voted_at) VALUES (?,?,?,?,?)");
                 PreparedStatement s = connection.prepareStatement("INSERT INTO answer_sources (query_id, source_rank, message_id, channel_id, score) "
                         + "VALUES (?,1,?,?,?)");
                 PreparedStatement w = connection.prepareStatement("INSERT INTO question_vectors (query_id, vector) VALUES (?,?)")) {
                for (int i = 0; i < questions; i++) {
                    String id = "query_bench_" + i;
                    long asked = now - (long) (random.nextDouble() * 30 * 86_400_000L);
                    boolean noMatch = random.nextInt(20) == 0;
                    String mode = noMatch ? "no_match" : MODES[random.nextInt(MODES.length)];
                    String channel = channels.get(random.nextInt(channels.size()));
                    q.setString(1, id);
                    q.setString(2, guild);
                    q.setString(3, channel);
                    q.setString(4, "7000000000000" + random.nextInt(500));
                    q.setString(5, "member" + random.nextInt(500));
                    q.setString(6, "trigger");
                    q.setString(7, "how do I configure the " + WORDS[random.nextInt(WORDS.length)] + " for " + WORDS[random.nextInt(WORDS.length)]
                            + " number " + i + "?");
                    q.setTimestamp(8, new Timestamp(asked));
                    q.setLong(9, asked);
                    q.setString(10, mode);
                    q.setString(11, "Open the settings and change the " + WORDS[random.nextInt(WORDS.length)] + " [1].");
                    q.setTimestamp(12, new Timestamp(asked + 900));
                    q.setLong(13, asked + 300 + random.nextInt(2000));
                    q.setTimestamp(14, new Timestamp(asked));
                    q.addBatch();
                    if (random.nextInt(10) == 0) {
                        v.setString(1, id);
                        v.setString(2, "7100000000000" + i);
                        v.setString(3, guild);
                        v.setString(4, random.nextInt(3) == 0 ? "down" : "up");
                        v.setTimestamp(5, new Timestamp(asked + 5000));
                        v.addBatch();
                    }
                    s.setString(1, id);
                    s.setString(2, "8000000000000" + i);
                    s.setString(3, channel);
                    s.setDouble(4, random.nextDouble());
                    s.addBatch();
                    if (noMatch) {
                        float[] vector = new float[384];
                        for (int d = 0; d < vector.length; d++) {
                            vector[d] = (float) random.nextGaussian();
                        }
                        w.setString(1, id);
                        w.setString(2, GapVectors.encode(vector));
                        w.addBatch();
                    }
                    last = id;
                    if (i % 2000 == 1999 || i == questions - 1) {
                        q.executeBatch();
                        v.executeBatch();
                        s.executeBatch();
                        w.executeBatch();
                        connection.commit();
                    }
                }
            }
            // what autovacuum does to a table at rest: statistics, and the visibility map index-only scans need
            connection.setAutoCommit(true);
            try (Statement vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM ANALYZE questions, votes, answer_sources, question_vectors");
            }
        }
        return last;
    }

    private static final String[] WORDS = {"index", "retriever", "embedding", "vector store", "query engine", "chunk size", "agent",
        "rotate key", "llm", "prompt", "cache", "router", "parser", "node", "callback"};
}
