package routes.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboundHeadersTest {

    @Test
    void onlyTheAllowedNamesCrossWhateverTheirCase() {
        OutboundHeaders http = new OutboundHeaders(Set.of("Content-Type", "x-goog-api-key"));
        assertThat(http.applyFilterToCamelHeaders("content-type", "application/json", null)).isFalse();
        assertThat(http.applyFilterToCamelHeaders("X-Goog-Api-Key", "k", null)).isFalse();
        for (String internal : new String[] {"kafka.KEY", "kafka.TOPIC", "CamelRedeliveryCounter", "rtfmGateway", "Authorization"}) {
            assertThat(http.applyFilterToCamelHeaders(internal, "v", null)).as(internal).isTrue();
        }
        assertThat(new OutboundHeaders(Set.of()).applyFilterToCamelHeaders("kafka.KEY", "k", null)).isTrue();
        // what comes in is not this filter's business
        assertThat(http.applyFilterToExternalHeaders("kafka.TOPIC", "t", null)).isFalse();
    }
}
