package routes.discord;

import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.gateway.AnswerGateway;
import routes.proactive.ProactiveLimits;
import routes.schema.BotQuery;
import routes.schema.BotResponse;

/**
 * Posts an answer back in Discord: through the /ask interaction while its hook lives, else as a
 * reply to the question in its channel; split into messages of at most 2000 characters, and with
 * no allowed mentions at all, so an answer that contains @everyone pings nobody.
 */
public record DiscordReplies(DiscordConnection connection, PendingInteractions pending, ProactiveLimits proactiveLimits)
        implements AnswerGateway {

    public static final String ORIGIN = DiscordIntake.ORIGIN;

    private static final Logger LOG = LoggerFactory.getLogger(DiscordReplies.class);
    private static final java.util.Set<String> VOTED_ON = java.util.Set.of(BotResponse.GENERATED, BotResponse.SOURCES_ONLY, BotResponse.NO_MATCH);

    /** A Discord nonce (at most 25 characters) derived from the response id and the chunk's place. */
    static String nonce(String responseId, int chunk) {
        java.util.UUID id = java.util.UUID.nameUUIDFromBytes((responseId + "#" + chunk).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Long.toUnsignedString(id.getMostSignificantBits() ^ id.getLeastSignificantBits());
    }

    @Override
    public String origin() {
        return DiscordIntake.ORIGIN;
    }

    @Override
    public void deliver(BotResponse response) {
        JDA client = connection.jda();
        if (client == null) {
            LOG.warn("Answer {} is for Discord, but this instance is not connected to Discord", response.responseId());
            return;
        }
        List<String> chunks = ReplyFormatter.chunks(ReplyFormatter.render(response), ReplyFormatter.DISCORD_LIMIT);
        // 👍/👎 under an answer (not a notice or an apology), on its last part only; a proactive one can also be removed
        Map<String, Object> metadata = response.metadata() == null ? Map.of() : response.metadata();
        Object asker = metadata.get(BotResponse.ASKER_ID);
        boolean proactive = BotQuery.PROACTIVE.equals(metadata.get(BotQuery.TRIGGER));
        ActionRow row = proactive && asker != null
                ? FeedbackButtons.proactiveButtons(response.queryId(), asker.toString()) : FeedbackButtons.buttons(response.queryId());
        List<ActionRow> buttons = VOTED_ON.contains(response.mode()) ? List.of(row) : List.of();
        int last = chunks.size() - 1;
        InteractionHook hook = pending.take(response.queryId());
        if (hook != null) {
            hook.editOriginal(chunks.get(0)).setAllowedMentions(List.of()).mentionRepliedUser(false)
                    .setComponents(last == 0 ? buttons : List.of()).complete();
            for (int i = 1; i <= last; i++) {
                hook.sendMessage(chunks.get(i)).setAllowedMentions(List.of()).mentionRepliedUser(false)
                        .setComponents(i == last ? buttons : List.of()).complete();
            }
            return;
        }
        if (Boolean.TRUE.equals(metadata.get(SlashAsk.REPLY_PRIVATE))) {
            // it may cite what the channel must not see: without its interaction it is not delivered at all
            LOG.warn("Private answer {} came after its interaction expired; it is not posted in the channel", response.responseId());
            return;
        }
        String channelId = String.valueOf(metadata.getOrDefault(DiscordEvents.REPLY_CHANNEL, response.channelId()));
        if (proactive && !proactiveLimits.tryPost(response.channelId(), channelId.equals(response.channelId()) ? null : channelId)) {
            LOG.info("Proactive answer {} not posted: channel {} has had its share this hour, or its thread one already",
                    response.responseId(), response.channelId());
            return;
        }
        GuildMessageChannel channel = client.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            LOG.warn("Answer {} is for channel {}, which this bot cannot see", response.responseId(), channelId);
            return;
        }
        // an /ask question is an interaction, not a message: there is nothing to reply to
        boolean isReply = !Boolean.TRUE.equals(metadata.get(SlashAsk.REPLY_INTERACTION))
                && response.originalMessageId() != null && !response.originalMessageId().isBlank();
        for (int i = 0; i < chunks.size(); i++) {
            // the same answer sent twice (a redelivery) carries the same nonce: Discord drops the copy (enforce_nonce)
            var action = channel.sendMessage(chunks.get(i)).setAllowedMentions(List.of()).mentionRepliedUser(false)
                    .setSuppressEmbeds(true).setNonce(nonce(response.responseId(), i)).setComponents(i == last ? buttons : List.of());
            if (i == 0 && isReply) {
                action = action.setMessageReference(response.originalMessageId()).failOnInvalidReply(false);
            }
            action.complete();
        }
    }
}
