package routes.discord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
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
final class SlashAsk extends ListenerAdapter {

    static final String REPLY_INTERACTION = "reply_interaction";

    private static final Logger LOG = LoggerFactory.getLogger(SlashAsk.class);

    private final DiscordIntake intake;
    private final QuestionDetector questions;
    private final QuestionLimiter limiter;
    private final PendingInteractions pending;

    SlashAsk(DiscordIntake intake, QuestionDetector questions, QuestionLimiter limiter, PendingInteractions pending) {
        this.intake = intake;
        this.questions = questions;
        this.limiter = limiter;
        this.pending = pending;
    }

    @Override
    public void onReady(ReadyEvent event) {
        // "@RTFM question" asks too, once the bot's id is known
        questions.setBotUserId(event.getJDA().getSelfUser().getId());
        event.getJDA().updateCommands().addCommands(Commands.slash("ask", "Ask RTFM about this server's chat history")
                .addOption(OptionType.STRING, "question", "What do you want to know?", true)).queue(
                ok -> LOG.info("Registered the /ask command"),
                error -> LOG.warn("Could not register the /ask command: {}", error.getMessage()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!"ask".equals(event.getName()) || event.getGuild() == null || event.getMember() == null) {
            return;
        }
        String question = Optional.ofNullable(event.getOption("question")).map(o -> o.getAsString()).orElse("");
        if (!limiter.tryAcquire(event.getUser().getId())) {
            event.reply(DiscordEvents.TOO_FAST).setEphemeral(true).setAllowedMentions(List.of()).queue();
            return;
        }
        event.deferReply().queue();
        String queryId = "query_" + UUID.randomUUID();
        pending.add(queryId, event.getHook());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(BotQuery.ORIGIN, DiscordIntake.ORIGIN);
        context.put(DiscordEvents.REPLY_CHANNEL, event.getChannel().getId());
        context.put(REPLY_INTERACTION, true);
        String channelId = event.getChannel() instanceof ThreadChannel thread ? thread.getParentChannel().getId()
                : event.getChannel().getId();
        intake.question(new BotQuery(queryId, event.getId(), question.trim(), event.getUser().getName(), event.getUser().getId(),
                channelId, Instant.now().toString(), context, WireFormat.SCHEMA_VERSION, event.getGuild().getId(),
                ChannelAccess.readableChannelIds(event.getGuild(), event.getMember())));
    }
}
