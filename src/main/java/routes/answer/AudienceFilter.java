package routes.answer;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import routes.schema.BotQuery;

/**
 * Keeps only the sources everyone who will see the answer may read (the query's
 * audience_channel_ids, computed by the gateway where the answer is posted). What is withheld is
 * counted, never named, and never reaches Gemini. A query without an audience (an answer only the
 * asker sees, a local gateway) keeps every source the asker may read.
 */
public class AudienceFilter {

    static List<Candidate> citableFor(List<Candidate> candidates, BotQuery query) {
        return query.audienceChannelIds() == null ? candidates
                : candidates.stream().filter(c -> query.audienceChannelIds().contains(c.channelId())).toList();
    }

    /**
     * Keeps in the exchange's variable {@code candidates} only the citable sources and puts how many
     * were withheld in {@code withheld}, for the answer to say. (A bean step, not an expression: a
     * bean called from an expression works on a copy of the exchange.)
     */
    public void withhold(@Variable("candidates") List<Candidate> candidates, @Variable("query") BotQuery query, Exchange exchange) {
        exchange.setVariable(ResponseFactory.WITHHELD, withheld(candidates, query));
        exchange.setVariable("candidates", citableFor(candidates, query));
    }

    public int withheld(@Variable("candidates") List<Candidate> candidates, @Variable("query") BotQuery query) {
        return candidates.size() - citableFor(candidates, query).size();
    }
}
