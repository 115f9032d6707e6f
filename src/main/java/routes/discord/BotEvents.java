package routes.discord;

import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * What the bot listens to, and which handler takes each event: chat and its edits and deletions
 * (DiscordEvents), the slash commands (SlashAsk, SlashPrivacy; each takes only its own names), the
 * buttons and forms under answers (FeedbackButtons, RemoveButton; each takes only its own ids) and
 * Apps → Mark as solution (MarkSolution).
 */
final class BotEvents {

    private BotEvents() {
    }

    static EventListener of(DiscordEvents chat, SlashAsk ask, SlashPrivacy privacy, FeedbackButtons votes, RemoveButton remove,
                            MarkSolution solutions) {
        return new EventRoutes()
                .on(ReadyEvent.class, chat::onReady)
                .on(ReadyEvent.class, ask::onReady)
                .on(MessageReceivedEvent.class, chat::onMessageReceived)
                .on(MessageUpdateEvent.class, chat::onMessageUpdate)
                .on(MessageDeleteEvent.class, chat::onMessageDelete)
                .on(MessageBulkDeleteEvent.class, chat::onMessageBulkDelete)
                .on(ChannelDeleteEvent.class, chat::onChannelDelete)
                .on(SlashCommandInteractionEvent.class, ask::onSlashCommandInteraction)
                .on(SlashCommandInteractionEvent.class, privacy::onSlashCommandInteraction)
                .on(ButtonInteractionEvent.class, votes::onButtonInteraction)
                .on(ButtonInteractionEvent.class, remove::onButtonInteraction)
                .on(ModalInteractionEvent.class, votes::onModalInteraction)
                .on(MessageContextInteractionEvent.class, solutions::onMessageContextInteraction);
    }
}
