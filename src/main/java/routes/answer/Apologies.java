package routes.answer;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.language.simple.Simple;
import routes.schema.BotQuery;
import routes.schema.BotResponse;
import routes.schema.InvalidRecordException;
import routes.schema.WireFormat;

/**
 * error-handling.yaml's dead-letter route: a question being dead-lettered gets an error answer, so
 * its asker is never left waiting. A record of another topic, one that is no question, or a
 * proactive question (nobody waits for it) gets none.
 */
public class Apologies {

    private final ResponseFactory responses;
    private final WireFormat wireFormat;

    public Apologies(ResponseFactory responses, WireFormat wireFormat) {
        this.responses = responses;
        this.wireFormat = wireFormat;
    }

    public BotResponse apologyFor(@Header(KafkaConstants.TOPIC) String topic, @Body String original,
                                  @Simple("${properties:rtfm.topics.queries.name}") String queriesTopic, Exchange exchange) {
        if (!queriesTopic.equals(topic)) {
            return null;
        }
        BotQuery query;
        try {
            query = wireFormat.parseQuery(original);
        } catch (InvalidRecordException notAQuestion) {
            return null;
        }
        if (query.proactive()) {
            // nobody asked: nobody waits for an answer, least of all an apology
            return null;
        }
        // named like answer-queries names it, so the apology is counted with its question's latency
        exchange.setVariable("query", query);
        return responses.apology(query, exchange);
    }
}
