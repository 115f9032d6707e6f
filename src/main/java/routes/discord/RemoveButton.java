package routes.discord;

import java.time.Instant;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import routes.schema.Feedback;
import routes.schema.WireFormat;

/**
 * "Not helpful, remove" under a proactive answer: nobody asked for it, so the one whose message it
 * answered, or a member with Manage Messages, can take it down at once. The removal counts as their
 * 👎 (a Feedback record whose comment says it was removed). Anyone else is told who can.
 */
record RemoveButton(DiscordIntake intake) {

    static final String REMOVE = "rtfm:remove:";

    /** The button (custom id rtfm:remove:&lt;query id&gt;:&lt;asker id&gt;, at most 100 characters). */
    static Button of(String queryId, String askerId) {
        return Button.secondary(REMOVE + queryId + ":" + askerId, "Not helpful, remove");
    }

    void onButtonInteraction(ButtonInteractionEvent event) {
        String id = event.getComponentId();
        if (!id.startsWith(REMOVE) || event.getGuild() == null || event.getMember() == null) {
            return;
        }
        String rest = id.substring(REMOVE.length());
        int colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            event.reply("I can't read that button.").setEphemeral(true).queue();
            return;
        }
        String queryId = rest.substring(0, colon);
        String askerId = rest.substring(colon + 1);
        boolean asker = event.getUser().getId().equals(askerId);
        if (!asker && !event.getMember().hasPermission(event.getGuildChannel(), Permission.MESSAGE_MANAGE)) {
            event.reply("Only the member this answered, or a member with Manage Messages, can remove it.").setEphemeral(true).queue();
            return;
        }
        event.reply("Removed. Thanks — noted as not helpful.").setEphemeral(true).queue();
        // through the channel (DELETE channels/{id}/messages/{id}): the answer is the bot's own message, not the interaction's
        event.getChannel().deleteMessageById(event.getMessageId()).queue();
        intake.feedback(new Feedback(queryId, event.getGuild().getId(), event.getChannel().getId(), event.getUser().getId(), Feedback.DOWN,
                Feedback.REMOVED, Instant.now().toString(), WireFormat.SCHEMA_VERSION));
    }
}
