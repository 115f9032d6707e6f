package routes.questionlog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import routes.metrics.RecordOutcomes;
import routes.privacy.OptOutList;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.Feedback;
import routes.schema.InvalidRecordException;
import routes.schema.OptOut;
import routes.schema.WireFormat;

/**
 * Turns the records record-answers reads (bot-queries, bot-responses, rtfm-feedback, rtfm-optouts) into
 * what they change in the log. The opt-out list decides here too, at the time the question was asked or
 * the vote cast, so a log rebuilt by replaying the topics ends as the live one did: nothing of a member
 * who opted out, nothing from an excluded channel. A record it cannot read is skipped (its topic's own
 * reader dead-letters it); so is a notice (/forget's confirmation is no answer to a question).
 */
public class LogRows {

    public static final String UNREADABLE = "unreadable";
    public static final String TOMBSTONE = "tombstone";
    public static final String NOTICE = "notice";
    public static final String NOT_A_REMOVAL = "not_a_removal";

    private final WireFormat wireFormat;
    private final OptOutList optOuts;
    private final Map<String, String> topicKinds;

    /** @param topics the topic names of bot-queries, bot-responses, rtfm-feedback and rtfm-optouts, in that order */
    public LogRows(WireFormat wireFormat, OptOutList optOuts, String queries, String responses, String feedback, String choices) {
        this.wireFormat = wireFormat;
        this.optOuts = optOuts;
        this.topicKinds = Map.of(queries, LogRow.QUESTION, responses, LogRow.ANSWER, feedback, LogRow.VOTE, choices, "opt_out");
    }

    /** The change this record makes, or null with the reason in the skipReason variable. */
    public LogRow of(@Body String json, @Header(KafkaConstants.TOPIC) String topic, Exchange exchange) {
        String kind = topicKinds.get(topic);
        if (kind == null) {
            throw new IllegalArgumentException("record-answers does not read topic " + topic);
        }
        if (json == null) {
            return skip(exchange, TOMBSTONE);
        }
        try {
            return switch (kind) {
                case LogRow.QUESTION -> question(wireFormat.parseQuery(json), exchange);
                case LogRow.ANSWER -> answer(wireFormat.parseResponse(json), exchange);
                case LogRow.VOTE -> vote(wireFormat.parse(json, Feedback.class), exchange);
                default -> removal(wireFormat.parse(json, OptOut.class), exchange);
            };
        } catch (InvalidRecordException unreadable) {
            return skip(exchange, UNREADABLE);
        }
    }

    LogRow question(BotQuery query, Exchange exchange) {
        Instant asked = OptOutList.createdAt(query.timestamp());
        String thread = threadOf(query);
        String refusal = optOuts.refusal(query.guildId(), query.userId(), asked, query.channelId(), thread);
        if (refusal != null) {
            return skip(exchange, refusal);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("query_id", query.queryId());
        params.put("guild_id", query.guildId());
        params.put("channel_id", query.channelId());
        params.put("thread_id", thread);
        params.put("asker_id", query.userId());
        params.put("asker_name", query.username());
        params.put("asked_via", AskedVia.of(query).column());
        params.put("question", query.question());
        params.put("asked_at", time(asked));
        params.put("asked_at_ms", asked == null ? null : asked.toEpochMilli());
        params.put("recorded_at", time(Instant.now()));
        return new LogRow(LogRow.QUESTION, params, List.of());
    }

    LogRow answer(BotResponse response, Exchange exchange) {
        if (BotResponse.NOTICE.equals(response.mode())) {
            return skip(exchange, NOTICE);
        }
        Map<String, Object> metadata = response.metadata() == null ? Map.of() : response.metadata();
        Instant answered = OptOutList.createdAt(response.timestamp());
        String guild = text(metadata.get(BotResponse.GUILD_ID));
        String refusal = optOuts.refusal(guild, text(metadata.get(BotResponse.ASKER_ID)), answered, response.channelId(),
                text(metadata.get(BotQuery.REPLY_CHANNEL)));
        if (refusal != null) {
            return skip(exchange, refusal);
        }
        List<BotResponse.Source> cited = response.sources() == null ? List.of() : response.sources();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("query_id", response.queryId());
        params.put("channel_id", response.channelId());
        params.put("mode", response.mode());
        params.put("answer", response.responseText());
        params.put("model", response.model());
        params.put("best_similarity", cited.stream().map(BotResponse.Source::score).filter(s -> s != null).max(Double::compare).orElse(null));
        params.put("sources_count", cited.size());
        params.put("withheld_count", number(metadata.get("withheld_count"), 0));
        params.put("prompt_tokens", number(metadata.get("prompt_tokens"), null));
        params.put("output_tokens", number(metadata.get("output_tokens"), null));
        params.put("answered_at", time(answered));
        params.put("answered_at_ms", answered == null ? null : answered.toEpochMilli());
        params.put("recorded_at", time(Instant.now()));
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < cited.size(); i++) {
            BotResponse.Source source = cited.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("query_id", response.queryId());
            row.put("source_rank", i + 1);
            row.put("message_id", source.messageId());
            row.put("channel_id", source.channelId());
            row.put("score", source.score());
            sources.add(row);
        }
        return new LogRow(LogRow.ANSWER, params, sources);
    }

    LogRow vote(Feedback feedback, Exchange exchange) {
        Instant at = OptOutList.createdAt(feedback.at());
        String refusal = optOuts.refusal(feedback.guildId(), feedback.userId(), at, feedback.channelId());
        if (refusal != null) {
            return skip(exchange, refusal);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("query_id", feedback.queryId());
        params.put("user_id", feedback.userId());
        params.put("guild_id", feedback.guildId());
        params.put("channel_id", feedback.channelId());
        params.put("vote", feedback.vote());
        params.put("comment", feedback.comment());
        params.put("voted_at", time(at));
        params.put("recorded_at", time(Instant.now()));
        return new LogRow(LogRow.VOTE, params, List.of());
    }

    /** A choice that removes (forget, admin_forget, exclude, channel_deleted) deletes from the log; one that lets back in changes nothing. */
    LogRow removal(OptOut choice, Exchange exchange) {
        if (choice.indexed()) {
            return skip(exchange, NOT_A_REMOVAL);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("guild_id", choice.guildId());
        params.put("subject_id", choice.subjectId());
        return new LogRow(OptOut.USER.equals(choice.subject()) ? LogRow.FORGET_USER : LogRow.FORGET_CHANNEL, params, List.of());
    }

    /** The parameters of the retention statement: questions asked before this are deleted. */
    public Map<String, Object> pruneBefore(int retentionDays) {
        return Map.of("cutoff", time(Instant.now().minus(java.time.Duration.ofDays(retentionDays))));
    }

    /** A question asked in a thread is answered there: the thread, when it is not the channel the question is stored under. */
    private static String threadOf(BotQuery query) {
        String replyChannel = query.context() == null ? null : text(query.context().get(BotQuery.REPLY_CHANNEL));
        return replyChannel == null || replyChannel.equals(query.channelId()) ? null : replyChannel;
    }

    private static LogRow skip(Exchange exchange, String reason) {
        exchange.setVariable(RecordOutcomes.SKIP_REASON, reason);
        return null;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer number(Object value, Integer fallback) {
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : fallback;
    }
}
