package routes.answer;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Where an answer's time went inside the processor, carried in its metadata so that `bench` can break
 * a question's round trip down: queue_wait_ms from the question's record being written to Kafka to
 * this processor polling it, processing_ms from then to the answer being built (search, ranking,
 * Gemini). The rest of the round trip is the two gateways and the answer's trip back.
 */
final class AnswerTimings {

    static final String QUEUE_WAIT = "queue_wait_ms";
    static final String PROCESSING = "processing_ms";

    private AnswerTimings() {
    }

    static void addTo(Map<String, Object> metadata, Exchange exchange) {
        // the exchange is created when the consumer polls the record
        long polled = exchange.getClock().getCreated();
        Long written = exchange.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
        if (written != null && written > 0) {
            metadata.put(QUEUE_WAIT, Math.max(0, polled - written));
            metadata.put(PROCESSING, Math.max(0, System.currentTimeMillis() - polled));
        }
    }
}
