package routes.discord;

import java.time.Duration;
import java.time.Instant;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import routes.schema.Feedback;
import routes.schema.WireFormat;

/**
 * 👍 Helpful / 👎 Not helpful under every answer. A click is a vote (a Feedback record, one per member per
 * answer: a later click replaces it), acknowledged at once and only to the voter; 👎 also opens an optional
 * "What was wrong?" form, whose answer replaces the bare 👎 with one that says why. Buttons on an answer
 * older than rtfm.feedback.max-age-days say that voting has closed.
 */
record FeedbackButtons(DiscordIntake intake, Duration maxAge) {

    static final String VOTE = "rtfm:vote:";
    static final String WHY = "rtfm:why:";
    static final String COMMENT = "comment";
    static final String THANKS = "Thanks — noted.";
    static final String CLOSED = "Voting has closed for this answer.";

    /** The buttons an answer to this question carries (custom ids: rtfm:vote:up|down:&lt;query id&gt;, at most 100 characters). */
    static ActionRow buttons(String queryId) {
        return ActionRow.of(up(queryId), down(queryId));
    }

    /** A proactive answer's: the votes, and "Not helpful, remove" for the member it answered (RemoveButton). */
    static ActionRow proactiveButtons(String queryId, String askerId) {
        return ActionRow.of(up(queryId), down(queryId), RemoveButton.of(queryId, askerId));
    }

    private static Button up(String queryId) {
        return Button.success(VOTE + Feedback.UP + ":" + queryId, "Helpful").withEmoji(Emoji.fromUnicode("👍"));
    }

    private static Button down(String queryId) {
        return Button.danger(VOTE + Feedback.DOWN + ":" + queryId, "Not helpful").withEmoji(Emoji.fromUnicode("👎"));
    }

    void onButtonInteraction(ButtonInteractionEvent event) {
        String id = event.getComponentId();
        if (!id.startsWith(VOTE) || event.getGuild() == null) {
            return;
        }
        String rest = id.substring(VOTE.length());
        int colon = rest.indexOf(':');
        String vote = colon < 0 ? "" : rest.substring(0, colon);
        String queryId = colon < 0 ? "" : rest.substring(colon + 1);
        if (!(Feedback.UP.equals(vote) || Feedback.DOWN.equals(vote)) || queryId.isBlank()) {
            event.reply("I can't read that button.").setEphemeral(true).queue();
            return;
        }
        if (event.getMessage().getTimeCreated().toInstant().isBefore(Instant.now().minus(maxAge))) {
            event.reply(CLOSED).setEphemeral(true).queue();
            return;
        }
        intake.feedback(vote(queryId, event.getGuild().getId(), event.getChannel().getId(), event.getUser().getId(), vote, null));
        if (Feedback.UP.equals(vote)) {
            event.reply(THANKS).setEphemeral(true).queue();
        } else {
            TextInput why = TextInput.create(COMMENT, TextInputStyle.PARAGRAPH).setRequired(false)
                    .setMaxLength(Feedback.MAX_COMMENT_CHARS).build();
            event.replyModal(Modal.create(WHY + queryId, "Not helpful")
                    .addComponents(Label.of("What was wrong? (optional)", why)).build()).queue();
        }
    }

    void onModalInteraction(ModalInteractionEvent event) {
        if (!event.getModalId().startsWith(WHY) || event.getGuild() == null) {
            return;
        }
        String queryId = event.getModalId().substring(WHY.length());
        ModalMapping why = event.getValue(COMMENT);
        String comment = why == null ? null : why.getAsString().trim();
        if (comment != null && comment.length() > Feedback.MAX_COMMENT_CHARS) {
            comment = comment.substring(0, Feedback.MAX_COMMENT_CHARS);
        }
        intake.feedback(vote(queryId, event.getGuild().getId(), event.getChannel().getId(), event.getUser().getId(), Feedback.DOWN,
                comment == null || comment.isEmpty() ? null : comment));
        event.reply(THANKS).setEphemeral(true).queue();
    }

    private static Feedback vote(String queryId, String guildId, String channelId, String userId, String vote, String comment) {
        return new Feedback(queryId, guildId, channelId, userId, vote, comment, Instant.now().toString(), WireFormat.SCHEMA_VERSION);
    }
}
