package routes.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Gemini's generateContent for the bench, in this process: a well-formed answer citing source
 * [1], after a set delay (0 = at once), so the numbers measure RTFM and not Google.
 */
final class GeminiStandIn implements AutoCloseable {

    private static final byte[] ANSWER = """
            {"candidates": [{"content": {"parts": [{"text": "Here is how, from the history [1]."}], "role": "model"},
              "finishReason": "STOP", "index": 0}],
             "usageMetadata": {"promptTokenCount": 800, "candidatesTokenCount": 12, "totalTokenCount": 812}}
            """.getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private volatile long delayMs;

    GeminiStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "bench-gemini");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void delay(long millis) {
        this.delayMs = millis;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
