package routes.answer;

import org.apache.camel.Variable;
import routes.schema.BotQuery;

/** Decides, before any search, whether answer-queries has anything to search for this question. */
public class QuestionTriage {

    /** An empty question, or one from an asker who can read no channel, is answered without a search. */
    public boolean needsNoSearch(@Variable("query") BotQuery query) {
        return query.question().isBlank() || (query.visibleChannelIds() != null && query.visibleChannelIds().isEmpty());
    }
}
