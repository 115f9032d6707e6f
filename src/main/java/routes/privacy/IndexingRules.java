package routes.privacy;

import org.apache.camel.Variable;
import routes.discord.QuestionDetector;
import routes.schema.DiscordMessage;

/** Whether ingest stores a message: not a question to the bot, not from a member who opted out, not in an excluded channel. */
public record IndexingRules(QuestionDetector questions, OptOutList optOuts) {

    /**
     * Why the message is not stored (no_text, question, opted_out, excluded_channel), or null to store
     * it. History (backfill, import) asked nobody anything: an old question is stored as knowledge.
     */
    public String skipReason(@Variable("message") DiscordMessage message) {
        String reason = questions.skipReason(message);
        if (QuestionDetector.QUESTION.equals(reason) && message.isHistory()) {
            reason = null;
        }
        return reason != null ? reason : optOuts.skipReason(message);
    }
}
