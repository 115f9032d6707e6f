package routes.testing.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a channel said before: GET /channels/{id}/messages under Discord's rate limit, and the
 * archived public threads under a channel.
 */
final class ChannelHistory {

    /** Discord's per-route bucket for reading a channel's messages, as its headers describe it: this many per window. */
    static final int LIMIT = 5;
    private static final long WINDOW_MS = 1000;
    private static final Comparator<ObjectNode> BY_ID = Comparator.comparing(n -> Long.parseLong(n.path("id").asText()));

    private final DiscordState state;
    private final DiscordJson json;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();

    ChannelHistory(DiscordState state, DiscordJson json) {
        this.state = state;
        this.json = json;
    }

    /** Requests answered 429 because the client did not follow the rate-limit headers. */
    int rateLimited() {
        return rateLimited.get();
    }

    /**
     * GET /channels/{id}/messages as Discord documents it: at most {@code limit} (default 50, max
     * 100) messages, newest first; {@code before} the ones older than an id, {@code after} the ones
     * right after an id (still newest first). Each answer carries the bucket's rate-limit headers,
     * and a client that ignores them gets 429.
     */
    void messages(HttpServerRequest request, String channelId) {
        long now = System.currentTimeMillis();
        Deque<Long> window = windows.computeIfAbsent(channelId, c -> new ArrayDeque<>());
        int remaining;
        long resetAt;
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MS) {
                window.pollFirst();
            }
            if (window.size() >= LIMIT) {
                rateLimited.incrementAndGet();
                double retryAfter = (window.peekFirst() + WINDOW_MS - now) / 1000.0;
                rateLimitHeaders(request, 0, window.peekFirst() + WINDOW_MS, channelId);
                FakeRest.reply(request, 429, json.object().put("message", "You are being rate limited.").put("retry_after", retryAfter)
                        .put("global", false));
                return;
            }
            window.addLast(now);
            remaining = LIMIT - window.size();
            resetAt = window.peekFirst() + WINDOW_MS;
        }
        rateLimitHeaders(request, remaining, resetAt, channelId);
        FakeRest.reply(request, 200, page(channelId, request));
    }

    private ArrayNode page(String channelId, HttpServerRequest request) {
        int limit = Math.min(100, Integer.parseInt(Optional.ofNullable(request.getParam("limit")).orElse("50")));
        String before = request.getParam("before");
        String after = request.getParam("after");
        List<ObjectNode> inChannel = state.created.values().stream().filter(n -> channelId.equals(n.path("channel_id").asText()))
                .sorted(BY_ID).toList();
        List<ObjectNode> page;
        if (after != null) {
            page = inChannel.stream().filter(n -> Long.parseLong(n.path("id").asText()) > Long.parseLong(after)).limit(limit).toList();
        } else {
            List<ObjectNode> older = inChannel.stream()
                    .filter(n -> before == null || Long.parseLong(n.path("id").asText()) < Long.parseLong(before)).toList();
            page = older.subList(Math.max(0, older.size() - limit), older.size());
        }
        ArrayNode newestFirst = json.json.createArrayNode();
        for (int i = page.size() - 1; i >= 0; i--) {
            newestFirst.add(page.get(i));
        }
        return newestFirst;
    }

    private void rateLimitHeaders(HttpServerRequest request, int remaining, long resetAtMs, String channelId) {
        request.response().putHeader("X-RateLimit-Limit", Integer.toString(LIMIT))
                .putHeader("X-RateLimit-Remaining", Integer.toString(remaining))
                .putHeader("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", resetAtMs / 1000.0))
                .putHeader("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f",
                        Math.max(0, resetAtMs - System.currentTimeMillis()) / 1000.0))
                .putHeader("X-RateLimit-Bucket", "channel-messages-" + channelId);
        if (remaining == 0) {
            request.response().putHeader("X-RateLimit-Scope", "user");
        }
    }

    /** GET /channels/{id}/threads/archived/public: newest archived first, those archived before `before` when given (the next page). */
    void archivedThreads(HttpServerRequest request, String parentId) {
        ObjectNode listing = json.object();
        ArrayNode archived = listing.putArray("threads");
        String before = request.getParam("before");
        state.threads.stream().filter(t -> t.archived() && !t.isPrivate() && t.parentId().equals(parentId))
                .filter(t -> before == null || DiscordState.ARCHIVED_AT.isBefore(OffsetDateTime.parse(before).toInstant()))
                .forEach(t -> archived.add(json.thread(t)));
        listing.putArray("members");
        listing.put("has_more", false);
        FakeRest.reply(request, 200, listing);
    }
}
