package routes;

import java.util.Locale;

/** What one RTFM process runs: everything, the gateways and delivery (bot), or ingest and answers (processor). */
public enum Role {
    ALL, BOT, PROCESSOR;

    public static Role parse(String value) {
        try {
            return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + value + "': use all, bot or processor");
        }
    }

    public boolean runsProcessor() {
        return this != BOT;
    }

    public boolean runsBot() {
        return this != PROCESSOR;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
