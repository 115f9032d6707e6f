package routes.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import routes.schema.BotQuery;
import routes.schema.WireFormat;

/** Questions as a gateway writes them to bot-queries, for tests. */
public final class Questions {

    private Questions() {
    }

    /** Asked by ana (user 7) in a channel of the local guild, who may read #general; the origin names the test's gateway. */
    public static BotQuery fromAna(String origin, String channel, String question) {
        String queryId = "query_" + origin + "_" + UUID.randomUUID();
        return new BotQuery(queryId, "m-" + queryId, question, "ana", "7", channel, Instant.now().toString(), Map.of(BotQuery.ORIGIN, origin),
                WireFormat.SCHEMA_VERSION, "local", List.of("general"), null);
    }
}
