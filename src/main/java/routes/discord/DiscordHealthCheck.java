package routes.discord;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** A bot that is not connected to Discord reads no message and posts no answer: not ready. */
public class DiscordHealthCheck extends AbstractHealthCheck {

    private final DiscordConnection connection;

    public DiscordHealthCheck(DiscordConnection connection) {
        super("rtfm", "discord");
        this.connection = connection;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (connection.connected()) {
            builder.up();
        } else {
            builder.message("not connected to the Discord gateway").down();
        }
    }
}
