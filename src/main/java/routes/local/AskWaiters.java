package routes.local;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Variable;
import routes.gateway.AnswerGateway;
import routes.schema.BotQuery;
import routes.schema.BotResponse;

/**
 * Holds the HTTP requests of /api/ask open until their answer comes back through Kafka,
 * matched by query id.
 */
public class AskWaiters implements AnswerGateway {

    private final Map<String, CompletableFuture<BotResponse>> waiting = new ConcurrentHashMap<>();
    private final long timeoutMs;

    public AskWaiters(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** Registers before the query is sent, so an answer that comes back fast is not missed. */
    /** Waits for the answer to this question from now on; returns it, to be published. */
    public BotQuery register(@Variable("query") BotQuery query) {
        waiting.put(query.queryId(), new CompletableFuture<>());
        return query;
    }

    @Override
    public String origin() {
        return HttpApi.ORIGIN;
    }

    /** Completes the asker's wait; an answer nobody waits for any more (timed out) is dropped. */
    @Override
    public void deliver(BotResponse response) {
        // left in place: the asker may not be waiting yet, and removes it when done
        CompletableFuture<BotResponse> future = waiting.get(response.queryId());
        if (future != null) {
            future.complete(response);
        }
    }

    public BotResponse await(@Variable("query") BotQuery query) throws InterruptedException, ExecutionException {
        CompletableFuture<BotResponse> future = waiting.get(query.queryId());
        if (future == null) {
            throw new IllegalStateException("query " + query.queryId() + " was not registered");
        }
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AskTimeoutException("no answer within " + timeoutMs + " ms for " + query.queryId());
        } finally {
            waiting.remove(query.queryId());
        }
    }

    public int pending() {
        return waiting.size();
    }

    /** The answer did not come back in time; the API maps it to 504. */
    public static class AskTimeoutException extends HttpApi.Rejection {
        public AskTimeoutException(String message) {
            super(504, message);
        }
    }
}
