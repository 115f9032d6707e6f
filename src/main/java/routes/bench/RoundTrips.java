package routes.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import routes.schema.BotQuery;
import routes.schema.BotResponse;

/**
 * Watches the production routes from outside, with Camel's own events, so that bench can say where a
 * question's round trip goes without the product carrying timers for it: in the processor, when it
 * took the question and how long its two Chroma queries and its call to Gemini took; in the bot,
 * when the answer's record was written and when the bot took it. Keyed by the question's id.
 */
final class RoundTrips extends EventNotifierSupport {

    static final String ANSWER_ROUTE = "answer-queries";
    static final String DELIVERY_ROUTE = "deliver-responses";

    /** One question as the processor and the bot saw it (epoch milliseconds; durations in milliseconds). */
    record Seen(long polledAt, long chromaQueryMs, long chromaAnswersMs, long geminiMs, long answerWrittenAt, long deliveryPolledAt) {
    }

    private final Map<String, long[]> calls = new ConcurrentHashMap<>();
    private final Map<String, Seen> answered = new ConcurrentHashMap<>();
    private final Map<String, long[]> delivered = new ConcurrentHashMap<>();

    RoundTrips() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    /** Started, and told every event of this context from now on. */
    static RoundTrips watching(CamelContext context) {
        RoundTrips trips = new RoundTrips();
        trips.setCamelContext(context);
        ServiceHelper.startService(trips);
        context.getManagementStrategy().addEventNotifier(trips);
        return trips;
    }

    @Override
    public void notify(CamelEvent event) {
        // keyed by the question's id: the circuit breaker runs Gemini's call on a copy of the exchange, under another id
        if (event instanceof CamelEvent.ExchangeSentEvent sent && ANSWER_ROUTE.equals(sent.getExchange().getFromRouteId())) {
            // the kamelets the route calls, not the HTTP calls inside them
            String uri = sent.getEndpoint().getEndpointUri();
            int part = !uri.startsWith("kamelet") ? -1 : uri.contains("chroma-query") ? 0 : uri.contains("chroma-answers") ? 1
                    : uri.contains("gemini") ? 2 : -1;
            if (part >= 0 && sent.getExchange().getVariable("query") instanceof BotQuery query) {
                calls.computeIfAbsent(query.queryId(), id -> new long[3])[part] += sent.getTimeTaken();
            }
        } else if (event instanceof CamelEvent.ExchangeCompletedEvent completed) {
            Exchange exchange = completed.getExchange();
            if (ANSWER_ROUTE.equals(exchange.getFromRouteId()) && exchange.getVariable("query") instanceof BotQuery query) {
                long[] took = calls.remove(query.queryId());
                took = took == null ? new long[3] : took;
                // the breaker's copy completes too, before the exchange it copied: their parts add up
                answered.merge(query.queryId(), new Seen(exchange.getClock().getCreated(), took[0], took[1], took[2], -1, -1),
                        (one, other) -> new Seen(Math.min(one.polledAt(), other.polledAt()), one.chromaQueryMs() + other.chromaQueryMs(),
                                one.chromaAnswersMs() + other.chromaAnswersMs(), one.geminiMs() + other.geminiMs(), -1, -1));
            } else if (DELIVERY_ROUTE.equals(exchange.getFromRouteId()) && exchange.getMessage().getBody() instanceof BotResponse response) {
                Long written = exchange.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
                delivered.put(response.queryId(), new long[] {written == null ? -1 : written, exchange.getClock().getCreated()});
            }
        }
    }

    /** What the routes saw of this question, or null when they saw it end nowhere (another processor's, or not yet). */
    Seen of(String queryId) {
        Seen processor = answered.remove(queryId);
        long[] bot = delivered.remove(queryId);
        if (processor == null || bot == null) {
            return null;
        }
        return new Seen(processor.polledAt(), processor.chromaQueryMs(), processor.chromaAnswersMs(), processor.geminiMs(), bot[0], bot[1]);
    }
}
