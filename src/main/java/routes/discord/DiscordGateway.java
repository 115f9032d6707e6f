package routes.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.WireFormat;

/**
 * RTFM inside a Discord server, through JDA: every guild message, edit and delete goes to
 * direct:discord-in; questions ("RTFM ...", an @mention, /ask) carry the channels the asker may
 * read; answers come back as replies that ping nobody.
 */
public class DiscordGateway {

    public static final String ORIGIN = "discord";
    static final String REPLY_CHANNEL = "reply_channel_id";
    static final String REPLY_INTERACTION = "reply_interaction";
    /** An interaction hook lives 15 minutes; after that the answer goes to the channel. */
    private static final Duration HOOK_LIFETIME = Duration.ofMinutes(14);

    private static final Logger LOG = LoggerFactory.getLogger(DiscordGateway.class);

    private final String token;
    private final String apiBaseUrl;
    private final String gatewayUrl;
    private final Compression compression;
    private final QuestionDetector questions;
    private final QuestionLimiter limiter;
    private final Map<String, PendingInteraction> interactions = new ConcurrentHashMap<>();
    private ProducerTemplate producer;
    private volatile JDA jda;

    private record PendingInteraction(InteractionHook hook, Instant created) {
    }

    public DiscordGateway(String token, String apiBaseUrl, String gatewayUrl, String compression, QuestionDetector questions,
                          QuestionLimiter limiter) {
        this.token = token == null ? "" : token.trim();
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
        this.gatewayUrl = gatewayUrl;
        this.compression = "none".equalsIgnoreCase(compression) ? Compression.NONE : Compression.ZLIB;
        this.questions = questions;
        this.limiter = limiter;
    }

    public boolean configured() {
        return !token.isEmpty();
    }

    /** Logs in and waits until Discord has sent every guild; messages then flow into the given context. */
    public synchronized void connect(CamelContext camelContext) throws InterruptedException {
        if (!configured() || jda != null) {
            return;
        }
        producer = camelContext.createProducerTemplate();
        String gateway = gatewayUrl;
        jda = JDABuilder.createLight(token, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT))
                .enableCache(CacheFlag.MEMBER_OVERRIDES)
                .setRestConfig(new RestConfig().setBaseUrl(apiBaseUrl))
                // JDA takes the gateway address from its session controller, not from GET gateway/bot
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(compression)
                .setEnableShutdownHook(false)
                .addEventListeners(new Listener())
                .build();
        try {
            jda.awaitReady();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Discord refused the connection: " + e.getMessage()
                    + " (is the Message Content intent enabled in the developer portal?)", e);
        }
        LOG.info("Connected to Discord as {} in {} guild(s)", jda.getSelfUser().getName(), jda.getGuilds().size());
    }

    public synchronized void disconnect() {
        if (jda != null) {
            jda.shutdown();
            try {
                if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
                    jda.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jda.shutdownNow();
            }
            jda = null;
        }
    }

    /** Sends an answer back as a reply to the question (or through its interaction), pinging nobody. */
    public void deliver(@Body BotResponse response) {
        JDA client = jda;
        if (client == null) {
            LOG.warn("Answer {} is for Discord, but this instance is not connected to Discord", response.responseId());
            return;
        }
        List<String> chunks = ReplyFormatter.chunks(ReplyFormatter.render(response), ReplyFormatter.DISCORD_LIMIT);
        PendingInteraction pending = interactions.remove(response.queryId());
        if (pending != null && Duration.between(pending.created(), Instant.now()).compareTo(HOOK_LIFETIME) < 0) {
            InteractionHook hook = pending.hook();
            hook.editOriginal(chunks.get(0)).setAllowedMentions(List.of()).mentionRepliedUser(false).complete();
            for (String chunk : chunks.subList(1, chunks.size())) {
                hook.sendMessage(chunk).setAllowedMentions(List.of()).mentionRepliedUser(false).complete();
            }
            return;
        }
        String channelId = Optional.ofNullable(response.metadata()).map(m -> m.get(REPLY_CHANNEL)).map(Object::toString)
                .orElse(response.channelId());
        GuildMessageChannel channel = client.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            LOG.warn("Answer {} is for channel {}, which this bot cannot see", response.responseId(), channelId);
            return;
        }
        boolean isReply = pending == null && response.originalMessageId() != null && !response.originalMessageId().isBlank();
        for (int i = 0; i < chunks.size(); i++) {
            var action = channel.sendMessage(chunks.get(i)).setAllowedMentions(List.of()).mentionRepliedUser(false)
                    .setSuppressEmbeds(true);
            if (i == 0 && isReply) {
                action = action.setMessageReference(response.originalMessageId()).failOnInvalidReply(false);
            }
            action.complete();
        }
    }

    private final class Listener extends ListenerAdapter {

        @Override
        public void onReady(ReadyEvent event) {
            questions.setBotUserId(event.getJDA().getSelfUser().getId());
            event.getJDA().updateCommands().addCommands(Commands.slash("ask", "Ask RTFM about this server's chat history")
                    .addOption(OptionType.STRING, "question", "What do you want to know?", true)).queue(
                    ok -> LOG.info("Registered the /ask command"),
                    error -> LOG.warn("Could not register the /ask command: {}", error.getMessage()));
        }

        @Override
        public void onMessageReceived(MessageReceivedEvent event) {
            if (!event.isFromGuild() || event.getAuthor().getIdLong() == event.getJDA().getSelfUser().getIdLong()) {
                return;
            }
            Message message = event.getMessage();
            DiscordMessage record = toRecord(message, DiscordMessage.CREATED);
            Map<String, Object> headers = new HashMap<>();
            headers.put(QuestionDetector.ORIGIN_HEADER, ORIGIN);
            Map<String, Object> context = new LinkedHashMap<>();
            context.put(REPLY_CHANNEL, message.getChannel().getId());
            headers.put(QuestionDetector.CONTEXT_HEADER, context);
            if (!event.getAuthor().isBot() && questions.addressesBot(record)) {
                if (!limiter.tryAcquire(event.getAuthor().getId())) {
                    headers.put(QuestionDetector.ALLOWED_HEADER, false);
                    message.reply("You're asking faster than I can read: please wait a minute before the next question.")
                            .setAllowedMentions(List.of()).mentionRepliedUser(false).queue();
                } else {
                    Member member = event.getMember();
                    headers.put(QuestionDetector.VISIBLE_CHANNELS_HEADER, member == null ? List.of()
                            : ChannelAccess.readableChannelIds(event.getGuild(), member));
                    message.getChannel().sendTyping().queue();
                }
            }
            producer.sendBodyAndHeaders("direct:discord-in", record, headers);
        }

        @Override
        public void onMessageUpdate(MessageUpdateEvent event) {
            if (event.isFromGuild() && event.getAuthor().getIdLong() != event.getJDA().getSelfUser().getIdLong()) {
                producer.sendBodyAndHeader("direct:discord-in", toRecord(event.getMessage(), DiscordMessage.UPDATED),
                        QuestionDetector.ORIGIN_HEADER, ORIGIN);
            }
        }

        @Override
        public void onMessageDelete(MessageDeleteEvent event) {
            if (event.isFromGuild()) {
                producer.sendBodyAndHeader("direct:discord-in", deletion(event.getMessageId(), event.getChannel().getId(),
                        event.getGuild().getId()), QuestionDetector.ORIGIN_HEADER, ORIGIN);
            }
        }

        @Override
        public void onMessageBulkDelete(MessageBulkDeleteEvent event) {
            for (String id : event.getMessageIds()) {
                producer.sendBodyAndHeader("direct:discord-in", deletion(id, event.getChannel().getId(), event.getGuild().getId()),
                        QuestionDetector.ORIGIN_HEADER, ORIGIN);
            }
        }

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            if (!"ask".equals(event.getName()) || event.getGuild() == null || event.getMember() == null) {
                return;
            }
            String question = Optional.ofNullable(event.getOption("question")).map(o -> o.getAsString()).orElse("");
            if (!limiter.tryAcquire(event.getUser().getId())) {
                event.reply("You're asking faster than I can read: please wait a minute before the next question.")
                        .setEphemeral(true).setAllowedMentions(List.of()).queue();
                return;
            }
            // Discord wants an acknowledgement within 3 s; the answer follows through the hook
            event.deferReply().queue();
            String queryId = "query_" + UUID.randomUUID();
            interactions.put(queryId, new PendingInteraction(event.getHook(), Instant.now()));
            Map<String, Object> context = new LinkedHashMap<>();
            context.put(BotQuery.ORIGIN, ORIGIN);
            context.put(REPLY_CHANNEL, event.getChannel().getId());
            context.put(REPLY_INTERACTION, true);
            String channelId = event.getChannel() instanceof ThreadChannel thread ? thread.getParentChannel().getId()
                    : event.getChannel().getId();
            BotQuery query = new BotQuery(queryId, event.getId(), question.trim(), event.getUser().getName(), event.getUser().getId(),
                    channelId, Instant.now().toString(), context, WireFormat.SCHEMA_VERSION, event.getGuild().getId(),
                    ChannelAccess.readableChannelIds(event.getGuild(), event.getMember()));
            producer.sendBody("direct:discord-ask", query);
        }
    }

    static DiscordMessage toRecord(Message message, String event) {
        String channelId = message.getChannel().getId();
        String channelName = message.getChannel().getName();
        String threadId = null;
        if (message.getChannel() instanceof ThreadChannel thread) {
            threadId = thread.getId();
            if (thread.isPublic()) {
                // public thread messages are stored under their parent channel, whose permissions govern them
                channelId = thread.getParentChannel().getId();
                channelName = thread.getParentChannel().getName();
            }
            // a private thread keeps its own id as channel: only its members may read it (ChannelAccess)
        }
        Message referenced = message.getReferencedMessage();
        String replyTo = message.getMessageReference() == null ? null : message.getMessageReference().getMessageId();
        List<DiscordMessage.Attachment> attachments = new ArrayList<>();
        for (Message.Attachment a : message.getAttachments()) {
            attachments.add(new DiscordMessage.Attachment(a.getId(), a.getFileName(), a.getUrl(), a.getContentType()));
        }
        return new DiscordMessage(message.getId(), message.getContentRaw(), message.getAuthor().getName(), message.getAuthor().getId(),
                channelId, message.getTimeCreated().toInstant().toString(), Map.of("channel_name", channelName),
                WireFormat.SCHEMA_VERSION, event, message.getGuild().getId(), channelName, threadId, replyTo,
                message.getAuthor().isBot(), attachments, message.getJumpUrl(), referenced == null ? null : referenced.getContentRaw());
    }

    static DiscordMessage deletion(String messageId, String channelId, String guildId) {
        return new DiscordMessage(messageId, "", "", "0", channelId, Instant.now().toString(), Map.of(), WireFormat.SCHEMA_VERSION,
                DiscordMessage.DELETED, guildId, null, null, null, null, List.of(), null, null);
    }
}
