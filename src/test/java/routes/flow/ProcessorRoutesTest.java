package routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.DeadLetter;

/**
 * The processor's side of routes.yaml: which answer mode a question gets, and what goes to the dead-letter
 * queue, with which Kafka coordinates, when a record does not parse or Chroma does not answer.
 */
class ProcessorRoutesTest extends RouteLogicFixture {

    @Test
    void anEmptyQuestionGetsAUsageHint() throws Exception {
        double counted = answersCounted(BotResponse.NO_MATCH);
        long timed = latenciesTimed();
        responses.expectedMessageCount(1);
        template.sendBody("direct:answer-queries-source", wire.write(query("", null)));
        MockEndpoint.assertIsSatisfied(context);
        BotResponse response = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(response.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(response.responseText()).contains("RTFM how do I");
        assertThat(answersCounted(BotResponse.NO_MATCH)).as("rtfm_queries_total{mode=no_match}").isEqualTo(counted + 1);
        assertThat(latenciesTimed()).as("rtfm_answer_latency_seconds").isEqualTo(timed + 1);
    }

    @Test
    void anAskerWhoCanReadNoChannelGetsNoMatchWithoutASearch() throws Exception {
        responses.expectedMessageCount(1);
        // Chroma at 127.0.0.1:1 would fail the record: an answer proves no search was made
        template.sendBody("direct:answer-queries-source", wire.write(query("where are the docs?", List.of())));
        MockEndpoint.assertIsSatisfied(context);
        BotResponse response = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(response.mode()).isEqualTo(BotResponse.NO_MATCH);
        assertThat(response.sources()).isEmpty();
        assertThat(response.responseText()).contains("can't search any channel");
    }

    @Test
    void recordsThatDoNotParseGoStraightToTheDeadLetterQueueWithTheirKafkaCoordinates() throws Exception {
        deadLetters.expectedMessageCount(2);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ingest-messages").whenDone(1).create();

        // one poll's batch: each record that cannot be read is dead-lettered alone, with its own reason
        template.sendBody("direct:ingest-messages-source", List.of(
                record("{broken", Map.of("kafka.TOPIC", "discord-messages", "kafka.PARTITION", 2, "kafka.OFFSET", 41L, "kafka.KEY", "k1")),
                record("{\"message_id\": \"9\"}", Map.of("kafka.TOPIC", "discord-messages", "kafka.PARTITION", 0, "kafka.OFFSET", 7L,
                        "kafka.KEY", "9"))));

        assertThat(done.matchesWaitTime()).isTrue();
        MockEndpoint.assertIsSatisfied(context);
        DeadLetter first = wire.parse(deadLetters.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        DeadLetter second = wire.parse(deadLetters.getExchanges().get(1).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(first.error()).contains("not valid JSON");
        assertThat(first.message()).isEqualTo("{broken");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.originalTopic()).isEqualTo("discord-messages");
        assertThat(first.partition()).isEqualTo(2);
        assertThat(first.offset()).isEqualTo(41L);
        assertThat(first.key()).isEqualTo("k1");
        assertThat(crossingToKafka(deadLetters.getExchanges().get(0))).isEmpty();
        assertThat(second.error()).contains("content");
        assertThat(second.attempts()).isEqualTo(1);
    }

    @Test
    void aChromaThatDoesNotAnswerIsWaitedOutByIngestButAQuestionIsDeadLetteredAndAnswered() throws Exception {
        deadLetters.expectedMessageCount(2);
        responses.expectedMessageCount(2);
        double apologiesCounted = answersCounted(BotResponse.ERROR);
        long timed = latenciesTimed();
        // ingest: rtfm.retry.max-redeliveries (5) retries, then the record goes back to its consumer, which polls it again
        org.apache.camel.Exchange ingest = template.send("direct:ingest-messages-source", exchange -> exchange.getMessage().setBody(
                List.of(record(wire.write(message("10", "deploys run at 5pm")), Map.of("kafka.TOPIC", "discord-messages",
                        "kafka.PARTITION", 1, "kafka.OFFSET", 3L, "kafka.KEY", "10")))));
        assertThat(ingest.getException()).as("handed back to Kafka, not dead-lettered").isNotNull();
        assertThat(ingest.getProperty(routes.kafka.DeadLetters.REDELIVERIES, Integer.class)).isEqualTo(5);

        // a question cannot wait: after the same retries it is dead-lettered, and its asker gets an error answer
        BotQuery query = new BotQuery("q-down", "m-down", "when do deploys run?", "u", "1", "general", java.time.Instant.now().toString(),
                Map.of("origin", "console"), 1, "local", List.of("general"), null);
        template.sendBodyAndHeaders("direct:answer-queries-source", wire.write(query),
                Map.of("kafka.TOPIC", "bot-queries", "kafka.PARTITION", 0, "kafka.OFFSET", 7L, "kafka.KEY", "general"));
        // asked longer ago than rtfm.answer.deadline-ms: no retry could answer it in time, so it is told at once
        BotQuery stale = new BotQuery("q-stale", "m-stale", "when do deploys run?", "u", "1", "general", "2025-11-02T12:34:56.789Z",
                Map.of("origin", "console"), 1, "local", List.of("general"), null);
        template.sendBodyAndHeaders("direct:answer-queries-source", wire.write(stale),
                Map.of("kafka.TOPIC", "bot-queries", "kafka.PARTITION", 0, "kafka.OFFSET", 8L, "kafka.KEY", "general"));
        MockEndpoint.assertIsSatisfied(context);
        DeadLetter staleLetter = wire.parse(deadLetters.getExchanges().get(1).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(staleLetter.attempts()).isEqualTo(1);
        DeadLetter letter = wire.parse(deadLetters.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.attempts()).isEqualTo(6);
        assertThat(letter.originalTopic()).isEqualTo("bot-queries");
        BotResponse apology = wire.parseResponse(responses.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(apology.mode()).isEqualTo(BotResponse.ERROR);
        assertThat(apology.queryId()).isEqualTo("q-down");
        assertThat(answersCounted(BotResponse.ERROR)).as("both apologies counted").isEqualTo(apologiesCounted + 2);
        assertThat(latenciesTimed()).as("each from its question's timestamp").isEqualTo(timed + 2);
    }

    private double answersCounted(String mode) {
        io.micrometer.core.instrument.Counter counter = context.getRegistry().lookupByNameAndType("rtfmMetrics", routes.metrics.RtfmMetrics.class)
                .registry().find("rtfm.queries").tag("mode", mode).counter();
        return counter == null ? 0 : counter.count();
    }

    private long latenciesTimed() {
        io.micrometer.core.instrument.Timer timer = context.getRegistry().lookupByNameAndType("rtfmMetrics", routes.metrics.RtfmMetrics.class)
                .registry().find("rtfm.answer.latency").timer();
        return timer == null ? 0 : timer.count();
    }
}
