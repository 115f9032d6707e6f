package routes.answer;

import java.util.List;
import org.apache.camel.Variable;
import routes.schema.BotQuery;

/**
 * answer-queries' gate for a proactive question (one nobody addressed to RTFM): it is answered only
 * when the ranking's score for its first source, among the sources its channel may see, is at least
 * rtfm.autoanswer.min-confidence (fitted by `eval --proactive`). A wrong answer nobody asked for is
 * worse than none. Questions members ask are never held back.
 */
public class ProactiveGate {

    private final double minConfidence;

    public ProactiveGate(double minConfidence) {
        this.minConfidence = minConfidence;
    }

    public boolean holdsBack(@Variable("query") BotQuery query, @Variable("candidates") List<Candidate> candidates) {
        return query.proactive() && (candidates.isEmpty() || candidates.get(0).score() < minConfidence);
    }

    public double minConfidence() {
        return minConfidence;
    }
}
