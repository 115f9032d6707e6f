package routes.discord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * Decides which chat messages are questions for the bot. A question starts with the trigger word
 * followed by a space, punctuation or nothing; unlike the Python bot, "rtfm" inside another word
 * ("artfmusic") or later in a sentence does not fire.
 */
public class QuestionDetector {

    /** Header a gateway sets to name itself, so the answer finds its way back. */
    public static final String ORIGIN_HEADER = "rtfmOrigin";
    /** Header a gateway sets with the channels the asker may read (a List of ids). */
    public static final String VISIBLE_CHANNELS_HEADER = "rtfmVisibleChannelIds";
    /** Header a gateway sets to false when the asker is over their question limit. */
    public static final String ALLOWED_HEADER = "rtfmQuestionAllowed";
    /** Header with gateway details the answer needs to find its way back (a Map), kept in the query's context. */
    public static final String CONTEXT_HEADER = "rtfmGatewayContext";

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

    public boolean isQuestion(@ExchangeProperty("message") DiscordMessage message,
                              @ExchangeProperty("questionAllowed") Boolean allowed) {
        return !Boolean.FALSE.equals(allowed)
                && DiscordMessage.CREATED.equals(message.eventOrDefault())
                && !Boolean.TRUE.equals(message.authorIsBot())
                && addressesBot(message);
    }

    /**
     * A message addressed to the bot ("RTFM ..."), whoever wrote it: a question, not knowledge,
     * so it is not indexed (it would otherwise be the best match for itself).
     */
    public boolean addressesBot(@Body DiscordMessage message) {
        return message.content() != null && match(message.content()) != null;
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

    public BotQuery toQuery(@ExchangeProperty("message") DiscordMessage message,
                            @ExchangeProperty("origin") String origin,
                            @ExchangeProperty("visibleChannelIds") List<String> visibleChannelIds,
                            @ExchangeProperty("gatewayContext") Map<String, Object> gatewayContext) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (gatewayContext != null) {
            context.putAll(gatewayContext);
        }
        if (origin != null) {
            context.put(BotQuery.ORIGIN, origin);
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
                visibleChannelIds == null ? null : List.copyOf(visibleChannelIds));
    }
}
