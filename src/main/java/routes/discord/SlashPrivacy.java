package routes.discord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import routes.proactive.AutoAnswerChannels;
import routes.schema.ChannelSetting;
import routes.schema.OptOut;
import routes.schema.WireFormat;

/**
 * /forget, /remember and the admins' /rtfm exclude|include|forget|autoanswer. All but autoanswer become an opt-out record
 * (the list is the compacted rtfm-optouts topic); a processor removes what is stored and its count
 * comes back like an answer, ephemerally, through the interaction.
 */
record SlashPrivacy(DiscordIntake intake, PendingInteractions pending, AutoAnswerChannels autoAnswer) {

    private static final Pattern USER = Pattern.compile("^(?:<@!?)?(\\d{5,25})>?$");

    static List<CommandData> commands() {
        return List.of(
                Commands.slash("forget", "Remove everything RTFM stored of yours in this server, and stop storing it"),
                Commands.slash("remember", "Let RTFM store what you write in this server again, from now on"),
                Commands.slash("rtfm", "RTFM administration")
                        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                        .addSubcommands(
                                new SubcommandData("exclude", "Remove a channel's stored messages and stop indexing it")
                                        .addOption(OptionType.CHANNEL, "channel", "The channel", true),
                                new SubcommandData("include", "Index a channel again, from now on")
                                        .addOption(OptionType.CHANNEL, "channel", "The channel", true),
                                new SubcommandData("forget", "Forget a member (also one who left): remove and stop storing their messages")
                                        .addOption(OptionType.STRING, "user", "The member's id or mention", true),
                                new SubcommandData("autoanswer", "Answer questions nobody asked me in a channel, when I am sure (off by default)")
                                        .addOption(OptionType.CHANNEL, "channel", "The channel", true)
                                        .addOptions(new OptionData(OptionType.STRING, "mode", "on or off", true)
                                                .addChoice("on", "on").addChoice("off", "off"))));
    }

    void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        String name = event.getName();
        if (!List.of("forget", "remember", "rtfm").contains(name)) {
            return;
        }
        if (event.getGuild() == null || event.getMember() == null) {
            event.reply("Use this in a server: what I store is per server.").setEphemeral(true).queue();
            return;
        }
        String guild = event.getGuild().getId();
        OptOutRequest request;
        if (!name.equals("rtfm")) {
            request = new OptOutRequest(OptOut.USER, event.getUser().getId(), name.equals("remember"), name);
        } else if (!event.getMember().hasPermission(Permission.MANAGE_SERVER)) {
            // Discord hides /rtfm from them by default, but a server may grant it: the check is ours
            event.reply("Only members with the Manage Server permission can use /rtfm.").setEphemeral(true).queue();
            return;
        } else if ("autoanswer".equals(event.getSubcommandName())) {
            autoAnswer(event, guild);
            return;
        } else {
            request = adminRequest(event);
            if (request == null) {
                event.reply("Give the member as an id or a mention, for example 123456789012345678.").setEphemeral(true).queue();
                return;
            }
        }
        event.deferReply(true).queue();
        String requestId = "request_" + UUID.randomUUID();
        Map<String, Object> reply = pending.awaitAnswer(requestId, event, true);
        intake.optOut(new OptOut(guild, request.subject(), request.subjectId(), request.indexed(), Instant.now().toString(),
                request.reason(), event.getUser().getId(), requestId, reply, WireFormat.SCHEMA_VERSION));
    }

    /** /rtfm autoanswer: the choice is applied here at once and published for every other bot. */
    private void autoAnswer(SlashCommandInteractionEvent event, String guild) {
        OptionMapping channel = event.getOption("channel");
        OptionMapping mode = event.getOption("mode");
        if (channel == null || mode == null || !List.of("on", "off").contains(mode.getAsString())) {
            event.reply("Give a channel and mode:on or mode:off.").setEphemeral(true).queue();
            return;
        }
        boolean on = "on".equals(mode.getAsString());
        ChannelSetting setting = autoAnswer.apply(new ChannelSetting(guild, channel.getAsString(), on, event.getUser().getId(),
                Instant.now().toString(), WireFormat.SCHEMA_VERSION));
        intake.channelSetting(setting);
        event.reply(on ? "Proactive answers are on in <#" + setting.channelId() + ">: I answer a question there that nobody asked me "
                        + "only when I am sure of its first source, and label it as such."
                        : "Proactive answers are off in <#" + setting.channelId() + ">.")
                .setEphemeral(true).setAllowedMentions(List.of()).queue();
    }

    private static OptOutRequest adminRequest(SlashCommandInteractionEvent event) {
        String sub = event.getSubcommandName();
        if ("forget".equals(sub)) {
            OptionMapping user = event.getOption("user");
            Matcher id = USER.matcher(user == null ? "" : user.getAsString().trim());
            return id.matches() ? new OptOutRequest(OptOut.USER, id.group(1), false, "admin_forget") : null;
        }
        OptionMapping channel = event.getOption("channel");
        return channel == null ? null : new OptOutRequest(OptOut.CHANNEL, channel.getAsString(), "include".equals(sub), sub);
    }

    private record OptOutRequest(String subject, String subjectId, boolean indexed, String reason) {
    }
}
