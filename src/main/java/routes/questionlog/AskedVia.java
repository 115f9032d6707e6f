package routes.questionlog;

import java.util.Locale;
import java.util.Map;
import routes.schema.BotQuery;

/** How a question was asked, as the log records it: by the trigger word, /ask, /ask private, at the console, on the API, or by nobody (proactive). */
public enum AskedVia {

    TRIGGER, SLASH, SLASH_PRIVATE, CONSOLE, API,
    /** Nobody asked: RTFM noticed the question itself (proactive answers). */
    PROACTIVE;

    /** As the log's asked_via column holds it: "slash_private". */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Read from the gateway that took the question (its origin) and, for Discord, whether it came as an interaction. */
    public static AskedVia of(BotQuery query) {
        Map<String, Object> context = query.context() == null ? Map.of() : query.context();
        String origin = query.origin();
        if (query.proactive()) {
            return PROACTIVE;
        } else if ("console".equals(origin)) {
            return CONSOLE;
        } else if ("http".equals(origin)) {
            return API;
        } else if (Boolean.TRUE.equals(context.get(BotQuery.REPLY_INTERACTION))) {
            return Boolean.TRUE.equals(context.get(BotQuery.REPLY_PRIVATE)) ? SLASH_PRIVATE : SLASH;
        }
        return TRIGGER;
    }
}
