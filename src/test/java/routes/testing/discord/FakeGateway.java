package routes.testing.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Discord's gateway, JSON encoding without compression: HELLO, IDENTIFY answered with READY and
 * GUILD_CREATE, heartbeats acknowledged, and each event a test causes dispatched to every session.
 */
final class FakeGateway {

    private final DiscordJson json;
    private final GuildCreate guild;
    private final Supplier<String> url;
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean identified;
    private volatile boolean refuseIntents;

    FakeGateway(DiscordJson json, GuildCreate guild, Supplier<String> url) {
        this.json = json;
        this.guild = guild;
        this.url = url;
    }

    /** Answer IDENTIFY as Discord does when the Message Content intent is not enabled for the bot: close 4014. */
    void refusePrivilegedIntents() {
        refuseIntents = true;
    }

    boolean identified() {
        return identified;
    }

    void connect(ServerWebSocket socket) {
        if (!socket.path().startsWith("/gateway")) {
            socket.reject();
            return;
        }
        sockets.add(socket);
        socket.closeHandler(v -> sockets.remove(socket));
        socket.textMessageHandler(text -> {
            try {
                JsonNode payload = json.json.readTree(text);
                switch (payload.path("op").asInt()) {
                    case 1 -> socket.writeTextMessage("{\"op\":11,\"d\":null}");
                    case 2 -> identify(socket);
                    default -> { }
                }
            } catch (Exception e) {
                socket.close((short) 4000, "bad payload");
            }
        });
        socket.writeTextMessage("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
    }

    private void identify(ServerWebSocket socket) {
        if (refuseIntents) {
            socket.close((short) 4014, "Disallowed intent(s).");
            return;
        }
        identified = true;
        send(socket, "READY", guild.ready(url.get()));
        send(socket, "GUILD_CREATE", guild.guild());
    }

    /** An event to every connected session. */
    void dispatch(String type, ObjectNode data) {
        sockets.forEach(socket -> send(socket, type, data));
    }

    private void send(ServerWebSocket socket, String type, ObjectNode data) {
        ObjectNode payload = json.object();
        payload.put("op", 0);
        payload.put("s", sequence.incrementAndGet());
        payload.put("t", type);
        payload.set("d", data);
        socket.writeTextMessage(payload.toString());
    }
}
