package routes.boundary;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * What crosses a boundary (an HTTP call, a Kafka record) from the exchange's headers: only the
 * names on the allow list. A route may carry any header it likes (kafka.*, Camel's redelivery
 * counters, rtfm*); none of them reaches Chroma, Google or a Kafka record unless listed here.
 * Headers coming in are left as they are. See docs/ARCHITECTURE.md, "Boundaries".
 */
public final class OutboundHeaders implements HeaderFilterStrategy {

    private final Set<String> allowed;

    public OutboundHeaders(Set<String> allowed) {
        this.allowed = allowed.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** @return true when the header must not be sent */
    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return headerName == null || !allowed.contains(headerName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return false;
    }
}
