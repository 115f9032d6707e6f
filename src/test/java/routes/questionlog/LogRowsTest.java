package routes.questionlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import routes.kafka.KafkaClientSettings;
import routes.metrics.RecordOutcomes;
import routes.privacy.OptOutList;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.Feedback;
import routes.schema.OptOut;
import routes.schema.WireFormat;

/** What each record read by record-answers changes in the log, worked out by hand from the record. */
class LogRowsTest {

    private final WireFormat wire = new WireFormat();
    private final OptOutList optOuts = new OptOutList(wire, KafkaClientSettings.of("unused:1"), "unused", null);
    private final LogRows rows = new LogRows(wire, optOuts, "q", "r", "f", "o");
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void howAQuestionWasAskedComesFromItsGatewayAndInteraction() {
        assertThat(AskedVia.of(query(Map.of(BotQuery.ORIGIN, "console"))).column()).isEqualTo("console");
        assertThat(AskedVia.of(query(Map.of(BotQuery.ORIGIN, "http"))).column()).isEqualTo("api");
        assertThat(AskedVia.of(query(Map.of(BotQuery.ORIGIN, "discord"))).column()).isEqualTo("trigger");
        assertThat(AskedVia.of(query(Map.of(BotQuery.ORIGIN, "discord", BotQuery.REPLY_INTERACTION, true))).column()).isEqualTo("slash");
        assertThat(AskedVia.of(query(Map.of(BotQuery.ORIGIN, "discord", BotQuery.REPLY_INTERACTION, true,
                BotQuery.REPLY_PRIVATE, true))).column()).isEqualTo("slash_private");
    }

    @Test
    void aQuestionInAPublicThreadNamesTheThreadBesideItsChannel() {
        LogRow row = rows.of(wire.write(query(Map.of(BotQuery.ORIGIN, "discord", BotQuery.REPLY_CHANNEL, "thread-9"))), "q", exchange);
        assertThat(row.kind()).isEqualTo(LogRow.QUESTION);
        assertThat(row.params()).containsEntry("channel_id", "help").containsEntry("thread_id", "thread-9")
                .containsEntry("asker_id", "u1").containsEntry("asked_at_ms", 1_764_936_000_000L);
    }

    @Test
    void anAnswerKeepsItsSourcesInOrderWithTheBestSimilarity() {
        BotResponse response = new BotResponse("response_1", "q1", "m0", "text", "help", "2025-12-05T12:00:01Z",
                Map.of(BotResponse.GUILD_ID, "g", BotResponse.ASKER_ID, "u1", "withheld_count", 2, "prompt_tokens", 812), 1, "generated",
                List.of(new BotResponse.Source("m7", "help", "ana", null, 0.61, "x"), new BotResponse.Source("m3", "help", "bo", null, 0.74, "y")),
                "gemini-2.5-flash", 900L);
        LogRow row = rows.of(wire.write(response), "r", exchange);
        assertThat(row.params()).containsEntry("best_similarity", 0.74).containsEntry("sources_count", 2).containsEntry("withheld_count", 2)
                .containsEntry("prompt_tokens", 812).containsEntry("output_tokens", null).containsEntry("answered_at_ms", 1_764_936_001_000L);
        assertThat(row.sources()).extracting(s -> s.get("source_rank") + ":" + s.get("message_id")).containsExactly("1:m7", "2:m3");
    }

    @Test
    void whatTheOptOutListRefusesIsNotLoggedAndANoticeIsNoAnswer() {
        optOuts.apply(new OptOut("g", OptOut.USER, "u1", false, "2025-12-05T11:00:00Z", "forget", null, null, null, 1));
        assertThat(rows.of(wire.write(query(Map.of(BotQuery.ORIGIN, "http"))), "q", exchange)).isNull();
        assertThat(exchange.getVariable(RecordOutcomes.SKIP_REASON)).isEqualTo(OptOutList.OPTED_OUT);
        Feedback vote = new Feedback("q1", "g", "help", "u1", "up", null, "2025-12-05T12:00:00Z", 1);
        assertThat(rows.of(wire.write(vote), "f", exchange)).isNull();
        BotResponse notice = new BotResponse("response_2", "req", "req", "Forgotten.", "help", "2025-12-05T12:00:00Z", Map.of(), 1,
                BotResponse.NOTICE, List.of(), null, 1L);
        assertThat(rows.of(wire.write(notice), "r", fresh())).isNull();
    }

    @Test
    void aRemovalDeletesAndALettingBackInChangesNothing() {
        OptOut forget = new OptOut("g", OptOut.USER, "u1", false, "2025-12-05T11:00:00Z", "forget", null, null, null, 1);
        assertThat(rows.of(wire.write(forget), "o", exchange).kind()).isEqualTo(LogRow.FORGET_USER);
        OptOut deleted = new OptOut("g", OptOut.CHANNEL, "c9", false, "2025-12-05T11:00:00Z", "channel_deleted", null, null, null, 1);
        assertThat(rows.of(wire.write(deleted), "o", exchange).params()).isEqualTo(Map.of("guild_id", "g", "subject_id", "c9"));
        OptOut remember = new OptOut("g", OptOut.USER, "u1", true, "2025-12-05T13:00:00Z", "remember", null, null, null, 1);
        Exchange rememberExchange = fresh();
        assertThat(rows.of(wire.write(remember), "o", rememberExchange)).isNull();
        assertThat(rememberExchange.getVariable(RecordOutcomes.SKIP_REASON)).isEqualTo(LogRows.NOT_A_REMOVAL);
    }

    @Test
    void aRecordTheLogCannotReadIsSkippedForItsOwnReaderToDeadLetter() {
        assertThat(rows.of("{not json", "q", exchange)).isNull();
        assertThat(exchange.getVariable(RecordOutcomes.SKIP_REASON)).isEqualTo(LogRows.UNREADABLE);
        Exchange tombstone = fresh();
        assertThat(rows.of(null, "f", tombstone)).isNull();
        assertThat(tombstone.getVariable(RecordOutcomes.SKIP_REASON)).isEqualTo(LogRows.TOMBSTONE);
    }

    private Exchange fresh() {
        return new DefaultExchange(new DefaultCamelContext());
    }

    private static BotQuery query(Map<String, Object> context) {
        return new BotQuery("q1", "m0", "how?", "ana", "u1", "help", "2025-12-05T12:00:00Z", context, 1, "g", null, null);
    }
}
