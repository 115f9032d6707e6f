package routes.answer;

import java.util.List;
import org.apache.camel.Variable;
import routes.schema.BotQuery;

/**
 * Keeps only the sources everyone who will see the answer may read (the query's
 * audience_channel_ids, computed by the gateway where the answer is posted). What is withheld is
 * counted, never named, and never reaches Gemini. A query without an audience (an answer only the
 * asker sees, a local gateway) keeps every source the asker may read.
 */
public class AudienceFilter {

    public List<Candidate> citable(@Variable("candidates") List<Candidate> candidates, @Variable("query") BotQuery query) {
        return query.audienceChannelIds() == null ? candidates
                : candidates.stream().filter(c -> query.audienceChannelIds().contains(c.channelId())).toList();
    }

    public int withheld(@Variable("candidates") List<Candidate> candidates, @Variable("query") BotQuery query) {
        return candidates.size() - citable(candidates, query).size();
    }
}
