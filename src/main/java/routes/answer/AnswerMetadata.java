package routes.answer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import routes.schema.BotQuery;
import routes.schema.BotResponse;

/**
 * What an answer carries besides its text: counts (sources, withheld), the first source's similarity,
 * Gemini's token counts, where the time went, who asked in which guild, and where the gateway must
 * put it (a thread, an interaction: the question's reply_* context, travelling back).
 */
final class AnswerMetadata {

    private AnswerMetadata() {
    }

    static Map<String, Object> of(BotQuery query, Exchange exchange, int sources, Integer withheld, List<Candidate> candidates) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("sources_count", sources);
        if (withheld != null && withheld > 0) {
            metadata.put("withheld_count", withheld);
        }
        if (!candidates.isEmpty()) {
            metadata.put("confidence", Math.round(candidates.get(0).similarity() * 1000) / 1000.0);
            // the ranking's own score for its first source (similarity, words, answer links): what a proactive answer is gated on
            metadata.put(BotResponse.RANK_SCORE, Math.round(candidates.get(0).score() * 1000) / 1000.0);
        }
        for (String tokens : new String[] {ResponseFactory.PROMPT_TOKENS, ResponseFactory.OUTPUT_TOKENS}) {
            Object count = exchange.getVariable(tokens);
            if (count != null) {
                metadata.put(tokens, count);
            }
        }
        AnswerTimings.addTo(metadata, exchange);
        if (query.guildId() != null) {
            metadata.put(BotResponse.GUILD_ID, query.guildId());
        }
        if (query.userId() != null) {
            metadata.put(BotResponse.ASKER_ID, query.userId());
        }
        if (query.proactive()) {
            // the Discord gateway limits how often it posts what nobody asked for (ProactiveLimits)
            metadata.put(BotQuery.TRIGGER, BotQuery.PROACTIVE);
        }
        if (query.origin() != null) {
            metadata.put(BotQuery.ORIGIN, query.origin());
        }
        if (query.context() != null) {
            query.context().forEach((key, value) -> {
                if (key.startsWith("reply_")) {
                    metadata.put(key, value);
                }
            });
        }
        return metadata;
    }
}
