package routes;

import java.util.Set;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import routes.boundary.OutboundHeaders;
import routes.gemini.GeminiClient;

/** What may cross each boundary (docs/ARCHITECTURE.md, "Boundaries: what crosses"): the header allow lists of the components. */
public class BoundaryConfiguration implements CamelConfiguration {

    /** HTTP calls (Chroma, Gemini) send only these headers; everything else on the exchange stays behind. */
    @BindToRegistry(lazy = true)
    public OutboundHeaders httpOutboundHeaders() {
        return new OutboundHeaders(Set.of("Content-Type", "Accept", GeminiClient.API_KEY_HEADER));
    }

    /** Chroma calls may also carry the bearer token (rtfm.chroma.auth-token); only they: Gemini's allow list lacks it. */
    @BindToRegistry(lazy = true)
    public OutboundHeaders chromaOutboundHeaders() {
        return new OutboundHeaders(Set.of("Content-Type", "Accept", "Authorization"));
    }

    /** Kafka records carry no headers at all: the key is the record key, everything else is in the value. */
    @BindToRegistry(lazy = true)
    public OutboundHeaders kafkaOutboundHeaders() {
        return new OutboundHeaders(Set.of());
    }
}
