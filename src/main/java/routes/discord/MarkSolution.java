package routes.discord;

import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.gateway.GatewayContext;

/**
 * Apps → "Mark as solution" on a message: the member who asked (the author of the message it replies
 * to, or the thread's owner) or a member with Manage Messages says this message solved the question.
 * The bot reacts ✅ on it (in a forum post it also applies the forum's Solved tag: SolvedTag), and the
 * mark is an update of the message's record in discord-messages (metadata solution, solves), so
 * backfill, import, reindex and /forget treat it as any other field; the ranking then gives it a
 * small boost (rtfm.retrieval.solution-bonus). Only a person marks.
 */
record MarkSolution(DiscordIntake intake, SolvedTag solvedTag) {

    static final String COMMAND = "Mark as solution";
    private static final Logger LOG = LoggerFactory.getLogger(MarkSolution.class);
    static final Emoji CHECK = Emoji.fromUnicode("✅");

    static CommandData command() {
        return Commands.message(COMMAND);
    }

    void onMessageContextInteraction(MessageContextInteractionEvent event) {
        if (!COMMAND.equals(event.getName())) {
            return;
        }
        if (event.getGuild() == null || event.getMember() == null) {
            event.reply("Use this in a server channel.").setEphemeral(true).queue();
            return;
        }
        Message target = event.getTarget();
        ThreadChannel thread = target.getChannel() instanceof ThreadChannel t && !t.getId().equals(target.getId()) ? t : null;
        String solves = target.getMessageReference() != null ? target.getMessageReference().getMessageId()
                : thread != null ? thread.getId() : null;
        if (solves == null) {
            event.reply("Mark a reply to a question, or a message in a question's thread: that is what it solves.").setEphemeral(true).queue();
            return;
        }
        Message question = target.getReferencedMessage();
        String askerId = question != null ? question.getAuthor().getId() : thread != null ? thread.getOwnerId() : null;
        boolean asker = event.getUser().getId().equals(askerId);
        if (!asker && !event.getMember().hasPermission(event.getGuildChannel(), Permission.MESSAGE_MANAGE)) {
            event.reply("Only the one who asked, or a member with Manage Messages, can mark the solution.").setEphemeral(true).queue();
            return;
        }
        intake.message(DiscordRecords.solution(target), GatewayContext.of(DiscordIntake.ORIGIN));
        event.reply("Marked as the solution: I will cite it first when this comes up again." + solvedTag.applyTo(thread))
                .setEphemeral(true).queue();
        try {
            target.addReaction(CHECK).queue();
        } catch (InsufficientPermissionException e) {
            // the mark stands without its ✅: the server did not give the bot Add Reactions
            LOG.warn("Marked {} as a solution but cannot react ✅ in {}: missing {}", target.getId(), target.getChannel().getId(),
                    e.getPermission().getName());
        }
    }
}
