package routes.gateway;

import java.util.List;
import java.util.Map;

/**
 * What a gateway knows about a chat message that the record itself does not carry: who it came
 * through, which channels the author may read (for a question), whether the author may ask now,
 * and where an answer must go. It travels as the {@link #HEADER} header into discord-in, which
 * keeps it in an exchange variable: it never reaches Kafka, except what a BotQuery needs.
 *
 * @param origin            the gateway that must deliver the answer (console, http, discord)
 * @param visibleChannelIds the channels the author may read, or null when the gateway cannot tell
 * @param audienceChannelIds of those, the channels everyone who will see the answer may read too,
 *                           or null when the answer is seen by the asker alone
 * @param questionAllowed   false when the author is over their question limit
 * @param replyContext      gateway details the answer needs to find its way back (kept in the query's context)
 */
public record GatewayContext(String origin, List<String> visibleChannelIds, List<String> audienceChannelIds,
                             boolean questionAllowed, Map<String, Object> replyContext) {

    public static final String HEADER = "rtfmGateway";

    public GatewayContext {
        replyContext = replyContext == null ? Map.of() : Map.copyOf(replyContext);
    }

    public static GatewayContext of(String origin) {
        return new GatewayContext(origin, null, null, true, Map.of());
    }
}
