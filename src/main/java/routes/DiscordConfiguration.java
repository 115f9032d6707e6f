package routes;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import routes.backfill.Watermarks;
import routes.discord.DiscordConnection;
import routes.metrics.RecordOutcomes;
import routes.metrics.RtfmMetrics;
import routes.discord.DiscordReplies;
import routes.discord.PendingInteractions;
import routes.discord.QuestionDetector;
import routes.discord.QuestionLimiter;
import routes.kafka.KafkaClientSettings;
import routes.proactive.AutoAnswerChannels;
import routes.proactive.ProactiveLimits;
import routes.schema.WireFormat;

/** The Discord gateway's beans: the JDA connection, its question limit, pending /ask interactions and answer delivery. */
public class DiscordConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public QuestionLimiter questionLimiter(@PropertyInject("rtfm.discord.questions-per-minute") int perMinute) {
        return new QuestionLimiter(perMinute, System::currentTimeMillis);
    }

    @BindToRegistry(lazy = true)
    public PendingInteractions pendingInteractions() {
        return new PendingInteractions(System::currentTimeMillis);
    }

    @BindToRegistry(lazy = true)
    public DiscordConnection discordConnection(CamelContext context,
                                               @PropertyInject(value = "rtfm.discord.token", defaultValue = "") String token,
                                               @PropertyInject("rtfm.discord.api-base-url") String apiBaseUrl,
                                               @PropertyInject("rtfm.discord.gateway-url") String gatewayUrl,
                                               @PropertyInject("rtfm.discord.compression") String compression,
                                               @BeanInject("questions") QuestionDetector questions,
                                               @BeanInject("questionLimiter") QuestionLimiter limiter,
                                               @BeanInject("pendingInteractions") PendingInteractions pending,
                                               @PropertyInject("rtfm.discord.intake-buffer") int intakeBuffer,
                                               @PropertyInject("rtfm.feedback.max-age-days") int feedbackMaxAgeDays,
                                               @PropertyInject(value = "rtfm.solutions.forum-tag", defaultValue = "") String solvedTag,
                                               @PropertyInject("rtfm.backfill.enabled") boolean backfill,
                                               @PropertyInject("rtfm.backfill.max-age-days") int maxAgeDays,
                                               @PropertyInject("rtfm.topics.backfill-state.name") String watermarkTopic,
                                               @BeanInject("kafkaClients") KafkaClientSettings kafka,
                                               @BeanInject("recordOutcomes") RecordOutcomes outcomes,
                                               @BeanInject("autoAnswerChannels") AutoAnswerChannels autoAnswer,
                                               @BeanInject("rtfmMetrics") RtfmMetrics metrics) {
        DiscordConnection connection = new DiscordConnection(context, token, apiBaseUrl, gatewayUrl, compression, questions, limiter,
                pending, metrics);
        connection.setAutoAnswer(autoAnswer);
        connection.setIntakeBuffer(intakeBuffer);
        connection.setFeedbackMaxAgeDays(feedbackMaxAgeDays);
        connection.setSolvedTag(solvedTag);
        if (backfill) {
            connection.setBackfill(new Watermarks(kafka, watermarkTopic, outcomes), maxAgeDays);
        }
        return connection;
    }

    /** Where proactive answers are on (rtfm-channel-settings): started with the Discord connection, which alone needs it. */
    @BindToRegistry(lazy = true)
    public AutoAnswerChannels autoAnswerChannels(@BeanInject("wireFormat") WireFormat wireFormat,
                                                 @BeanInject("kafkaClients") KafkaClientSettings kafka,
                                                 @PropertyInject("rtfm.topics.channel-settings.name") String topic,
                                                 @BeanInject("recordOutcomes") RecordOutcomes outcomes) {
        return new AutoAnswerChannels(wireFormat, kafka, topic, outcomes);
    }

    @BindToRegistry(lazy = true)
    public DiscordReplies discordReplies(@BeanInject("discordConnection") DiscordConnection connection,
                                         @BeanInject("pendingInteractions") PendingInteractions pending,
                                         @PropertyInject("rtfm.autoanswer.per-channel-per-hour") int perChannelPerHour) {
        return new DiscordReplies(connection, pending, new ProactiveLimits(perChannelPerHour, System::currentTimeMillis));
    }
}
