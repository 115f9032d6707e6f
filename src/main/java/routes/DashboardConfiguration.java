package routes;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import routes.dashboard.DashboardPages;
import routes.dashboard.DashboardQueries;
import routes.dashboard.ProactiveQueries;
import routes.dashboard.DashboardResponses;
import routes.dashboard.DashboardViewer;
import routes.dashboard.DiscordLogin;
import routes.dashboard.GuildAccess;
import routes.dashboard.LocalGuilds;
import routes.dashboard.QuestionExport;
import routes.dashboard.Sessions;
import routes.dashboard.DashboardGuilds;
import routes.discord.DiscordConnection;
import routes.embedding.MessageEmbedder;
import routes.questionlog.GapVectors;

/** The beans of dashboard.yaml (the bot's pages over the question log) and of the log's embed-gap-questions. */
public class DashboardConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public DashboardQueries dashboardQueries(@BeanInject("logDatabase") DataSource database) {
        return new DashboardQueries(database);
    }

    /** With Discord: who may see what is asked of the bot on every request; without it, local mode. */
    @BindToRegistry(lazy = true)
    public GuildAccess guildAccess(@BeanInject("discordConnection") DiscordConnection discord,
                                   @BeanInject("dashboardQueries") DashboardQueries queries) {
        return discord.configured() ? new DashboardGuilds(discord) : new LocalGuilds(queries);
    }

    @BindToRegistry(lazy = true)
    public DiscordLogin discordLogin(@PropertyInject(value = "rtfm.dashboard.client-id", defaultValue = "") String clientId,
                                     @PropertyInject(value = "rtfm.dashboard.client-secret", defaultValue = "") String clientSecret,
                                     @PropertyInject(value = "rtfm.dashboard.public-url", defaultValue = "") String publicUrl,
                                     @PropertyInject("rtfm.dashboard.authorize-url") String authorizeUrl,
                                     @PropertyInject("rtfm.discord.api-base-url") String apiBaseUrl) {
        return new DiscordLogin(clientId, clientSecret, publicUrl, authorizeUrl, apiBaseUrl);
    }

    @BindToRegistry(lazy = true)
    public DashboardViewer dashboardViewer(@PropertyInject("rtfm.dashboard.session-hours") int sessionHours,
                                           @PropertyInject("rtfm.dashboard.logins-per-minute") int loginsPerMinute,
                                           @BeanInject("discordLogin") DiscordLogin login, @BeanInject("guildAccess") GuildAccess access) {
        return new DashboardViewer(new Sessions(Duration.ofHours(sessionHours), loginsPerMinute, Clock.systemUTC()), login, access);
    }

    @BindToRegistry(lazy = true)
    public DashboardPages dashboardPages(@BeanInject("dashboardQueries") DashboardQueries queries,
                                         @BeanInject("logDatabase") DataSource database,
                                         @BeanInject("dashboardViewer") DashboardViewer viewer,
                                         @PropertyInject("rtfm.dashboard.gap-similarity") double gapSimilarity,
                                         @PropertyInject("rtfm.dashboard.gap-questions") int gapQuestions) {
        return new DashboardPages(queries, new ProactiveQueries(database), viewer, Clock.systemUTC(), gapSimilarity, gapQuestions);
    }

    @BindToRegistry(lazy = true)
    public routes.dashboard.Templates dashboardTemplates() {
        return new routes.dashboard.Templates();
    }

    @BindToRegistry(lazy = true)
    public DashboardResponses dashboardResponses() {
        return new DashboardResponses();
    }

    @BindToRegistry(lazy = true)
    public QuestionExport questionExport(@BeanInject("logDatabase") DataSource database) {
        return new QuestionExport(database);
    }

    @BindToRegistry(lazy = true)
    public GapVectors gapVectors(@BeanInject("embedder") MessageEmbedder embedder) {
        return new GapVectors(embedder);
    }
}
