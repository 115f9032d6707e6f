package routes.discord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import routes.gateway.GatewayContext;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Decides which chat messages are questions for the bot. A question starts with the trigger word
 * followed by a space, punctuation or nothing; unlike the Python bot, "rtfm" inside another word
 * ("artfmusic") or later in a sentence does not fire.
 */
public class QuestionDetector {

    /** The skip reason of a message that asks the bot. */
    public static final String QUESTION = "question";

    private final Pattern trigger;
    private volatile Pattern mention;

    public QuestionDetector(String triggerWord) {
        if (triggerWord == null || triggerWord.isBlank()) {
            throw new IllegalArgumentException("rtfm.trigger-word must not be empty");
        }
        this.trigger = Pattern.compile("^\\s*" + Pattern.quote(triggerWord.trim()) + "(?:$|[\\s\\p{Punct}]+)(.*)$",
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL | Pattern.UNICODE_CASE);
    }

    /** Once the Discord gateway knows the bot's user id, "@RTFM question" asks too. */
    public void setBotUserId(String botUserId) {
        mention = Pattern.compile("^\\s*<@!?" + Pattern.quote(botUserId) + ">[\\s\\p{Punct}]*(.*)$", Pattern.DOTALL);
    }

    /** Whether a new member's message becomes a BotQuery: it asks the bot, or its gateway marks it proactive (ProactiveQuestions). */
    public boolean isQuestion(@Variable("message") DiscordMessage message, @Variable("gateway") GatewayContext gateway) {
        return (gateway == null || gateway.questionAllowed())
                && DiscordMessage.CREATED.equals(message.eventOrDefault())
                && !Boolean.TRUE.equals(message.authorIsBot())
                && (addressesBot(message) || (gateway != null && BotQuery.PROACTIVE.equals(gateway.replyContext().get(BotQuery.TRIGGER))));
    }

    /** Why ingest does not index this message, or null when it is knowledge (deletions are not skipped: they remove). */
    public String skipReason(@Variable("message") DiscordMessage message) {
        if (message.isDeletion()) {
            return null;
        }
        if (!message.hasText()) {
            return "no_text";
        }
        return addressesBot(message) ? QUESTION : null;
    }

    /**
     * A message addressed to the bot ("RTFM ..."), whoever wrote it: a question, not knowledge,
     * so it is not indexed (it would otherwise be the best match for itself).
     */
    public boolean addressesBot(@Body DiscordMessage message) {
        if (message.addressesBot() != null) {
            // the gateway knew: it saw the mention or the reply to the bot, whoever runs the processor
            return message.addressesBot();
        }
        return asksByText(message.content());
    }

    /** By its text alone: the trigger word, or the bot's mention once the bot's id is known. */
    public boolean asksByText(String content) {
        return content != null && match(content) != null;
    }

    private Matcher match(String content) {
        Matcher byTrigger = trigger.matcher(content);
        if (byTrigger.matches()) {
            return byTrigger;
        }
        Pattern byMention = mention;
        if (byMention != null) {
            Matcher matcher = byMention.matcher(content);
            if (matcher.matches()) {
                return matcher;
            }
        }
        return null;
    }

    /** The question without its trigger word; empty when only the trigger was typed. */
    public String questionText(String content) {
        Matcher matcher = match(content);
        return matcher != null ? matcher.group(1).trim() : content.trim();
    }

    public BotQuery toQuery(@Variable("message") DiscordMessage message, @Variable("gateway") GatewayContext gateway) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (gateway != null) {
            context.putAll(gateway.replyContext());
            context.put(BotQuery.ORIGIN, gateway.origin());
        }
        String channelName = message.channelNameOrMetadata();
        if (channelName != null) {
            context.put("channel_name", channelName);
        }
        return new BotQuery(
                "query_" + UUID.randomUUID(),
                message.messageId(),
                questionText(message.content()),
                message.username(),
                message.userId(),
                message.channelId(),
                Instant.now().toString(),
                context,
                WireFormat.SCHEMA_VERSION,
                message.guildId(),
                gateway == null ? null : copy(gateway.visibleChannelIds()),
                gateway == null ? null : copy(gateway.audienceChannelIds()));
    }

    private static List<String> copy(List<String> ids) {
        return ids == null ? null : List.copyOf(ids);
    }
}
