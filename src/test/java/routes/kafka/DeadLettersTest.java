package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import routes.schema.DeadLetter;
import routes.schema.InvalidRecordException;
import routes.schema.WireFormat;

class DeadLettersTest {

    private final DeadLetters deadLetters = new DeadLetters(WireFormat.DEFAULT_MAX_RECORD_BYTES);

    private static Exchange failed(String body, Throwable error) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeaders(new java.util.HashMap<>(Map.of("kafka.TOPIC", "bot-queries", "kafka.PARTITION", 2,
                "kafka.OFFSET", 42L, "kafka.KEY", "channel-1")));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        return exchange;
    }

    @Test
    void theEnvelopeKeepsTheRecordItsCoordinatesAndTheReason() throws Exception {
        Exchange exchange = failed("{\"query_id\": \"q1\"}", new IllegalStateException("Gemini answered 400"));
        DeadLetters.COUNT_REDELIVERY.process(exchange);
        DeadLetters.COUNT_REDELIVERY.process(exchange);
        DeadLetter letter = deadLetters.envelope(exchange);
        assertThat(letter.originalTopic()).isEqualTo("bot-queries");
        assertThat(letter.partition()).isEqualTo(2);
        assertThat(letter.offset()).isEqualTo(42L);
        assertThat(letter.key()).isEqualTo("channel-1");
        assertThat(letter.error()).isEqualTo("Gemini answered 400");
        assertThat(letter.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(letter.attempts()).isEqualTo(3);
        // a JSON record stays JSON inside the envelope, so an operator can read and re-publish it
        assertThat(letter.message()).isInstanceOf(com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(new routes.schema.RecordKeys().keyOf(letter)).isEqualTo("channel-1");
        assertThat(new WireFormat().parse(new WireFormat().write(letter), DeadLetter.class).message().toString()).contains("q1");
    }

    @Test
    void aNullRecordIsKeptAsJsonNullSoItsEnvelopeMeetsTheSchemaAndReplaysAsATombstone() throws Exception {
        DeadLetter letter = deadLetters.envelope(failed(null, new InvalidRecordException("DiscordMessage tombstone has no key")));
        WireFormat wire = new WireFormat();
        String written = wire.write(letter);
        assertThat(WireFormat.mapper().readTree(written).has("message")).isTrue();
        assertThat(DeadLetterStore.original(wire.parse(written, DeadLetter.class))).isNull();
    }

    @Test
    void aRecordThatIsNotJsonIsKeptAsTextAndAnErrorWithoutMessageIsNamed() {
        DeadLetter letter = deadLetters.envelope(failed("{broken", new InvalidRecordException("")));
        assertThat(letter.message()).isEqualTo("{broken");
        assertThat(letter.error()).isEqualTo("InvalidRecordException");
        assertThat(letter.attempts()).isEqualTo(1);
    }

    @Test
    void aRecordOverTheLimitIsKeptTruncatedWithItsSizeAndHashAndTheEnvelopeStaysSmall() throws Exception {
        String huge = "{\"message_id\": \"big\", \"content\": \"" + "x".repeat(200_000) + "\"}";
        DeadLetters small = new DeadLetters(100_000);
        DeadLetter letter = small.envelope(failed(huge, new InvalidRecordException("too large")));
        assertThat(letter.truncated()).isTrue();
        assertThat(letter.originalSize()).isEqualTo(huge.length());
        assertThat(letter.originalSha256()).isEqualTo(DeadLetters.sha256(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasSize(64);
        assertThat((String) letter.message()).startsWith("{\"message_id\": \"big\"").hasSizeLessThanOrEqualTo(DeadLetters.KEPT_BYTES);
        assertThat(new WireFormat().write(letter).length()).isLessThan(100_000);
        // and the wire format refuses such a record in the first place
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new WireFormat(100_000).parseMessage(huge)))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("rtfm.max-record-bytes");
    }
}
