package routes.discord;

import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.override.GenericPermissionOverrideEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/** Another backfill pass when the bot may read more: it joined a guild, a channel was made, a permission changed. */
final class BackfillTriggers extends ListenerAdapter {

    private final DiscordBackfill backfill;

    BackfillTriggers(DiscordBackfill backfill) {
        this.backfill = backfill;
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        backfill.requestPass(event.getJDA());
    }

    @Override
    public void onChannelCreate(ChannelCreateEvent event) {
        backfill.requestPass(event.getJDA());
    }

    @Override
    public void onGenericPermissionOverride(GenericPermissionOverrideEvent event) {
        backfill.requestPass(event.getJDA());
    }
}
