package routes.discord;

import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.override.GenericPermissionOverrideEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/** Another backfill pass when the bot may read more: it joined a guild, a channel was made, a permission changed. */
final class BackfillTriggers {

    private BackfillTriggers() {
    }

    static EventListener of(DiscordBackfill backfill) {
        return new EventRoutes()
                .on(GuildJoinEvent.class, event -> backfill.requestPass(event.getJDA()))
                .on(ChannelCreateEvent.class, event -> backfill.requestPass(event.getJDA()))
                .on(GenericPermissionOverrideEvent.class, event -> backfill.requestPass(event.getJDA()));
    }
}
