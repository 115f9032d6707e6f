package routes.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/** Turns what JDA hands over into wire records. */
final class DiscordRecords {

    private DiscordRecords() {
    }

    static DiscordMessage toRecord(Message message, String event, boolean addressesBot) {
        return toRecord(message, event, addressesBot, false);
    }

    /** @param marked whether a member marks it as a solution now (otherwise the bot's own ✅ on it says whether it is one) */
    private static DiscordMessage toRecord(Message message, String event, boolean addressesBot, boolean marked) {
        String channelId = message.getChannel().getId();
        String channelName = message.getChannel().getName();
        String threadId = null;
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        if (message.getChannel() instanceof ThreadChannel thread) {
            threadId = thread.getId();
            // deleting or excluding the parent channel removes its threads too, private ones included
            metadata.put(DiscordMessage.PARENT_CHANNEL, thread.getParentChannel().getId());
            if (thread.getParentChannel().getType() == ChannelType.FORUM && thread.getId().equals(message.getId())) {
                metadata.put(DiscordMessage.FORUM_POST, true);
            }
            if (thread.isPublic()) {
                // public thread messages are stored under their parent channel, whose permissions govern them
                channelId = thread.getParentChannel().getId();
                channelName = thread.getParentChannel().getName();
            }
            // a private thread keeps its own id as channel: only its members may read it (ChannelAccess)
        }
        List<String> mentioned = message.getMentions().getUsers().stream().map(user -> user.getId()).toList();
        if (!mentioned.isEmpty()) {
            metadata.put(DiscordMessage.MENTIONS, mentioned);
        }
        Message referenced = message.getReferencedMessage();
        if (referenced != null) {
            metadata.put(DiscordMessage.REPLY_TO_AUTHOR, referenced.getAuthor().getId());
        }
        String replyTo = message.getMessageReference() == null ? null : message.getMessageReference().getMessageId();
        List<DiscordMessage.Attachment> attachments = new ArrayList<>();
        for (Message.Attachment a : message.getAttachments()) {
            attachments.add(new DiscordMessage.Attachment(a.getId(), a.getFileName(), a.getUrl(), a.getContentType()));
        }
        metadata.put("channel_name", channelName);
        // the bot's own ✅ is the mark in Discord itself: an edit, or history read again, keeps the message a solution
        String solves = replyTo != null ? replyTo : threadId != null && !threadId.equals(message.getId()) ? threadId : null;
        boolean checked = message.getReactions().stream().anyMatch(r -> r.isSelf() && MarkSolution.CHECK.equals(r.getEmoji()));
        if (solves != null && (marked || checked)) {
            metadata.put(DiscordMessage.SOLUTION, true);
            metadata.put(DiscordMessage.SOLVES, solves);
        }
        return new DiscordMessage(message.getId(), message.getContentRaw(), message.getAuthor().getName(), message.getAuthor().getId(),
                channelId, message.getTimeCreated().toInstant().toString(), metadata,
                WireFormat.SCHEMA_VERSION, event, message.getGuild().getId(), channelName, threadId, replyTo,
                message.getAuthor().isBot(), attachments, message.getJumpUrl(), referenced == null ? null : referenced.getContentRaw(),
                addressesBot);
    }

    /** The message's record as a member marked it: the solution of the message it replies to or of its thread. */
    static DiscordMessage solution(Message message) {
        return toRecord(message, DiscordMessage.UPDATED, false, true);
    }

    static DiscordMessage deletion(String messageId, String channelId, String guildId) {
        return new DiscordMessage(messageId, "", "", "0", channelId, Instant.now().toString(), Map.of(), WireFormat.SCHEMA_VERSION,
                DiscordMessage.DELETED, guildId, null, null, null, null, List.of(), null, null, null);
    }
}
