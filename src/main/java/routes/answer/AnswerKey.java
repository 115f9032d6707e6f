package routes.answer;

import org.apache.camel.Variable;
import routes.schema.BotQuery;

/**
 * What makes an answer one of a kind: the question's id. answer-queries' idempotent consumer keys
 * on it and the answer's response id is made from it, so a redelivered question is answered once.
 * A replayed question was answered (with an apology) under its own id; its late answer has another,
 * so it is answered and delivered.
 */
public class AnswerKey {

    public String of(@Variable("query") BotQuery query) {
        return isLate(query) ? query.queryId() + "#late" : query.queryId();
    }

    /** A question replayed from the dead-letter topic after it was answered with an apology. */
    static boolean isLate(BotQuery query) {
        return query.context() != null && Boolean.TRUE.equals(query.context().get(BotQuery.LATE_ANSWER));
    }
}
