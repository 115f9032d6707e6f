package routes.gateway;

import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.metrics.RecordOutcomes;
import routes.schema.BotResponse;

/**
 * Hands each answer to the gateway its question came through: the response's origin names a
 * gateway bean, looked up when the answer arrives (a test may swap a gateway in the registry).
 */
public class ResponseDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseDelivery.class);

    private final Map<String, String> beanByOrigin;

    /** @param beanByOrigin for each origin (console, http, discord), the name of the AnswerGateway bean that delivers */
    public ResponseDelivery(Map<String, String> beanByOrigin) {
        this.beanByOrigin = Map.copyOf(beanByOrigin);
    }

    public void deliver(@Body BotResponse response, Exchange exchange) {
        String bean = response.origin() == null ? null : beanByOrigin.get(response.origin());
        AnswerGateway gateway = bean == null ? null : exchange.getContext().getRegistry().lookupByNameAndType(bean, AnswerGateway.class);
        if (gateway == null) {
            // a record from elsewhere, or an origin no gateway of this deployment serves
            LOG.warn("No gateway here delivers answers for origin '{}' (response {})", response.origin(), response.responseId());
            exchange.setVariable(RecordOutcomes.SKIP_REASON, "no_gateway");
            return;
        }
        gateway.deliver(response);
    }
}
