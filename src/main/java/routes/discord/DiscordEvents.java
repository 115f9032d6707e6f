package routes.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import routes.gateway.GatewayContext;
import routes.proactive.ProactiveQuestions;
import routes.schema.BotQuery;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;

/**
 * Every guild message, edit and delete into the pipeline. A message that asks the bot ("RTFM ...",
 * an @mention) carries the channels its author may read and, of those, the ones everyone in this
 * channel may read (the answer is posted here); over the question limit it gets a polite notice instead. So does a
 * message RTFM may answer unasked (ProactiveQuestions), marked as such. The bot's own messages are not stored.
 */
record DiscordEvents(DiscordIntake intake, QuestionDetector questions, QuestionLimiter limiter, ProactiveQuestions proactive) {

    static final String REPLY_CHANNEL = BotQuery.REPLY_CHANNEL;
    static final String TOO_FAST = "You're asking faster than I can read: please wait a minute before the next question.";

    void onReady(ReadyEvent event) {
        // "@RTFM question" asks too, once the bot's id is known
        questions.setBotUserId(event.getJDA().getSelfUser().getId());
    }

    void onMessageReceived(MessageReceivedEvent event) {
        if (!event.isFromGuild() || event.getAuthor().getIdLong() == event.getJDA().getSelfUser().getIdLong()) {
            return;
        }
        Message message = event.getMessage();
        DiscordMessage record = DiscordRecords.toRecord(message, DiscordMessage.CREATED, asksTheBot(message));
        Map<String, Object> replyTo = new LinkedHashMap<>();
        replyTo.put(REPLY_CHANNEL, message.getChannel().getId());
        List<String> visible = null;
        List<String> audience = null;
        boolean allowed = true;
        // nobody asked RTFM, but the channel has proactive answers on and this reads as a question: asked on their behalf
        boolean unasked = !record.addressesBot() && proactive.applies(record);
        if (unasked) {
            replyTo.put(BotQuery.TRIGGER, BotQuery.PROACTIVE);
        }
        if (!event.getAuthor().isBot() && (record.addressesBot() || unasked)) {
            // the member's question limit counts only what they asked
            allowed = unasked || limiter.tryAcquire(event.getAuthor().getId());
            if (!allowed) {
                message.reply(TOO_FAST).setAllowedMentions(List.of()).mentionRepliedUser(false).queue();
            } else {
                Member member = event.getMember();
                visible = member == null ? List.of() : ChannelAccess.readableChannelIds(event.getGuild(), member);
                // the answer is posted here, for everyone who can see this channel
                audience = AudienceAccess.citableIn(message.getGuildChannel(), member, visible);
                if (!unasked) {
                    message.getChannel().sendTyping().queue();
                }
            }
        }
        intake.message(record, new GatewayContext(DiscordIntake.ORIGIN, visible, audience, allowed, replyTo));
    }

    void onMessageUpdate(MessageUpdateEvent event) {
        if (!event.isFromGuild() || event.getAuthor().getIdLong() == event.getJDA().getSelfUser().getIdLong()) {
            return;
        }
        Message message = event.getMessage();
        boolean asks = asksTheBot(message);
        if (asks || message.getContentRaw().isBlank()) {
            // what it said is no longer there to cite (only an attachment left, or now a question): it leaves the index, through the log
            intake.message(DiscordRecords.deletion(message.getId(), event.getChannel().getId(), event.getGuild().getId()),
                    GatewayContext.of(DiscordIntake.ORIGIN));
            return;
        }
        intake.message(DiscordRecords.toRecord(message, DiscordMessage.UPDATED, false), GatewayContext.of(DiscordIntake.ORIGIN));
    }

    /** Its trigger word, the bot's mention, or a reply to one of the bot's own messages (a follow-up question). */
    private boolean asksTheBot(Message message) {
        Message referenced = message.getReferencedMessage();
        boolean followsUp = referenced != null && referenced.getAuthor().getIdLong() == message.getJDA().getSelfUser().getIdLong();
        return followsUp || questions.asksByText(message.getContentRaw());
    }

    void onMessageDelete(MessageDeleteEvent event) {
        if (event.isFromGuild()) {
            intake.message(DiscordRecords.deletion(event.getMessageId(), event.getChannel().getId(), event.getGuild().getId()),
                    GatewayContext.of(DiscordIntake.ORIGIN));
        }
    }

    /** A deleted channel or thread: all it held leaves the index through the log, and it stays excluded. */
    void onChannelDelete(ChannelDeleteEvent event) {
        if (event.isFromGuild()) {
            intake.optOut(new OptOut(event.getGuild().getId(), OptOut.CHANNEL, event.getChannel().getId(), false,
                    java.time.Instant.now().toString(), "channel_deleted", null, null, null, routes.schema.WireFormat.SCHEMA_VERSION));
        }
    }

    void onMessageBulkDelete(MessageBulkDeleteEvent event) {
        for (String id : event.getMessageIds()) {
            intake.message(DiscordRecords.deletion(id, event.getChannel().getId(), event.getGuild().getId()),
                    GatewayContext.of(DiscordIntake.ORIGIN));
        }
    }
}
