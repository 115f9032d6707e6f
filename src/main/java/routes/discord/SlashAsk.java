package routes.discord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.schema.BotQuery;
import routes.schema.WireFormat;

/**
 * The /ask slash command: registered when the bot is ready, acknowledged at once (Discord wants
 * that within 3 s), answered later through its interaction hook (PendingInteractions).
 */
record SlashAsk(DiscordIntake intake, QuestionLimiter limiter, PendingInteractions pending) {

    static final String REPLY_INTERACTION = BotQuery.REPLY_INTERACTION;
    /** An answer only the asker sees: it may cite whatever they can read, and is never posted in the channel. */
    static final String REPLY_PRIVATE = BotQuery.REPLY_PRIVATE;
    /** The BotQuery schema's limit on a question. */
    static final int MAX_QUESTION = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(SlashAsk.class);

    void onReady(ReadyEvent event) {
        // one call sets the bot's whole command list, so the privacy commands are registered here too
        event.getJDA().updateCommands().addCommands(Commands.slash("ask", "Ask RTFM about this server's chat history")
                .addOption(OptionType.STRING, "question", "What do you want to know?", true)
                .addOption(OptionType.BOOLEAN, "private", "Answer only to me, citing everything I can read", false))
                .addCommands(SlashPrivacy.commands()).addCommands(MarkSolution.command()).queue(
                ok -> LOG.info("Registered the /ask, /forget, /remember and /rtfm commands and Apps → Mark as solution"),
                error -> LOG.warn("Could not register the slash commands: {}", error.getMessage()));
    }

    void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!"ask".equals(event.getName())) {
            return;
        }
        if (event.getGuild() == null || event.getMember() == null) {
            event.reply("Ask me in a server channel: I answer from that server's chat history.").setEphemeral(true).queue();
            return;
        }
        String question = Optional.ofNullable(event.getOption("question")).map(o -> o.getAsString()).orElse("").trim();
        boolean onlyMe = Optional.ofNullable(event.getOption("private")).map(o -> o.getAsBoolean()).orElse(false);
        if (question.length() > MAX_QUESTION) {
            event.reply("That question is too long for me (" + question.length() + " characters; at most " + MAX_QUESTION
                    + "). Could you ask it in fewer words?").setEphemeral(true).setAllowedMentions(List.of()).queue();
            return;
        }
        if (!limiter.tryAcquire(event.getUser().getId())) {
            event.reply(DiscordEvents.TOO_FAST).setEphemeral(true).setAllowedMentions(List.of()).queue();
            return;
        }
        // Discord wants an acknowledgement within 3 s; a private answer is ephemeral from the start
        event.deferReply(onlyMe).queue();
        String queryId = "query_" + UUID.randomUUID();
        Map<String, Object> context = pending.awaitAnswer(queryId, event, onlyMe);
        String channelId = event.getChannel() instanceof ThreadChannel thread ? thread.getParentChannel().getId()
                : event.getChannel().getId();
        List<String> readable = ChannelAccess.readableChannelIds(event.getGuild(), event.getMember());
        List<String> audience = onlyMe ? null : AudienceAccess.citableIn(event.getGuildChannel(), event.getMember(), readable);
        intake.question(new BotQuery(queryId, event.getId(), question, event.getUser().getName(), event.getUser().getId(),
                channelId, Instant.now().toString(), context, WireFormat.SCHEMA_VERSION, event.getGuild().getId(), readable, audience));
    }
}
