package routes.proactive;

import routes.schema.DiscordMessage;

/**
 * Which live messages RTFM answers without being asked: in a channel where proactive answers are on
 * (/rtfm autoanswer), a member's new message that starts a conversation (no reply, not a follow-up
 * in a thread) and reads as a question (QuestionShape); in a forum, each new post's starter message. Never a bot's message, never one that asks
 * RTFM already, never history (backfilled or imported). Whether it is answered is the answer route's
 * call (ProactiveGate); how often one is posted, ProactiveLimits'.
 */
public class ProactiveQuestions {

    private final AutoAnswerChannels channels;

    public ProactiveQuestions(AutoAnswerChannels channels) {
        this.channels = channels;
    }

    public boolean applies(DiscordMessage message) {
        if (message.isHistory() || !DiscordMessage.CREATED.equals(message.eventOrDefault())
                || Boolean.TRUE.equals(message.authorIsBot()) || Boolean.TRUE.equals(message.addressesBot())) {
            return false;
        }
        if (message.replyToMessageId() != null || (message.threadId() != null && !message.threadId().equals(message.messageId()))) {
            return false;
        }
        // in a forum every new post is a question, whatever its words
        boolean forumPost = message.metadata() != null && Boolean.TRUE.equals(message.metadata().get(DiscordMessage.FORUM_POST));
        return message.guildId() != null && channels.enabled(message.guildId(), message.channelId())
                && (forumPost || QuestionShape.looksLikeQuestion(message.content()));
    }
}
