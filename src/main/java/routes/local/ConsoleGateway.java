package routes.local;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import routes.gateway.AnswerGateway;
import routes.gateway.GatewayContext;
import routes.schema.BotResponse;
import routes.schema.DiscordMessage;
import routes.schema.Feedback;
import routes.schema.WireFormat;

/**
 * A terminal stands in for Discord: every line typed is a message from the local user in the
 * local guild's channel, and answers are printed with their sources.
 */
public class ConsoleGateway implements AnswerGateway {

    public static final String ORIGIN = "console";

    private final String guildId;
    private final String channelId;
    private final String channelName;
    private final String userId;
    private final String username;
    private final PrintStream out;
    // Discord ids are numeric strings that grow with time; ours do too, so ordering by id still works
    private final AtomicLong lastId = new AtomicLong();
    // the answer "+" and "-" vote on
    private final AtomicReference<String> lastAnswered = new AtomicReference<>();

    public ConsoleGateway(String guildId, String channelId, String channelName, String userId, String username, PrintStream out) {
        this.guildId = guildId;
        this.channelId = channelId;
        this.channelName = channelName;
        this.userId = userId;
        this.username = username;
        this.out = out;
    }

    public DiscordMessage message(@Body String line, Exchange exchange) {
        exchange.getMessage().setHeader(GatewayContext.HEADER, GatewayContext.of(ORIGIN));
        String id = Long.toString(lastId.updateAndGet(previous -> Math.max(previous + 1, System.currentTimeMillis() * 1000)));
        return new DiscordMessage(id, line == null ? "" : line, username, userId, channelId, Instant.now().toString(),
                Map.of("channel_name", channelName), WireFormat.SCHEMA_VERSION, DiscordMessage.CREATED, guildId,
                channelName, null, null, false, List.of(), null, null, null);
    }

    /** "+" or "-", alone or followed by a comment: a vote on the last answer printed here. */
    public boolean isVote(@Body String line) {
        String trimmed = line == null ? "" : line.trim();
        return (trimmed.startsWith("+") || trimmed.startsWith("-")) && (trimmed.length() == 1 || trimmed.charAt(1) == ' ');
    }

    /** The console user's vote on the last answer; null (and a hint) when there is no answer yet. */
    public Feedback vote(@Body String line) {
        String trimmed = line.trim();
        String queryId = lastAnswered.get();
        if (queryId == null) {
            out.println("There is no answer to vote on yet: ask something first.");
            out.flush();
            return null;
        }
        String comment = trimmed.substring(1).trim();
        if (comment.length() > Feedback.MAX_COMMENT_CHARS) {
            comment = comment.substring(0, Feedback.MAX_COMMENT_CHARS);
        }
        Feedback vote = new Feedback(queryId, guildId, channelId, userId, trimmed.startsWith("+") ? Feedback.UP : Feedback.DOWN,
                comment.isEmpty() ? null : comment, Instant.now().toString(), WireFormat.SCHEMA_VERSION);
        out.println(Feedback.UP.equals(vote.vote()) ? "Thanks — noted 👍" : "Thanks — noted 👎");
        out.flush();
        return vote;
    }

    @Override
    public String origin() {
        return ORIGIN;
    }

    @Override
    public void deliver(BotResponse response) {
        if (!BotResponse.NOTICE.equals(response.mode())) {
            lastAnswered.set(response.queryId());
        }
        out.println(render(response) + (BotResponse.NOTICE.equals(response.mode()) ? "" : "(+ helpful, - not helpful)\n"));
        out.flush();
    }

    public static String render(BotResponse response) {
        StringBuilder text = new StringBuilder("\nRTFM [").append(response.mode()).append("]: ").append(response.responseText());
        if (BotResponse.GENERATED.equals(response.mode()) && response.sources() != null && !response.sources().isEmpty()) {
            text.append("\nSources:");
            for (int i = 0; i < response.sources().size(); i++) {
                BotResponse.Source source = response.sources().get(i);
                text.append("\n  [").append(i + 1).append("] ").append(source.author() == null ? "" : source.author() + ": ")
                        .append(source.excerpt());
                if (source.jumpUrl() != null) {
                    text.append(" (").append(source.jumpUrl()).append(')');
                }
            }
        }
        return text.append('\n').toString();
    }
}
