package routes.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;

/**
 * The RTFM apps a test class starts, stopped after its last test whatever happened, newest first,
 * and then what they talked to (a fake Discord, a Gemini stand-in), so no app outlives its peers
 * (register it as a field with {@code @RegisterExtension}; the class's lifecycle is PER_CLASS).
 */
public final class RtfmApps implements AfterAllCallback {

    private final List<RtfmApplication> started = new ArrayList<>();
    private final List<AutoCloseable> peers = new ArrayList<>();

    /** Starts an app with this configuration: it is ready (topics made, routes started) when this returns. */
    public synchronized RtfmApplication start(Properties config) throws Exception {
        RtfmApplication app = new RtfmApplication(config);
        started.add(app);
        app.start();
        return app;
    }

    /** Closes this after the apps (in the order given), when the test class is done. */
    public synchronized <T> T closeAfter(T peer, AutoCloseable close) {
        peers.add(close);
        return peer;
    }

    /** The Chroma collection an app writes to, for the test's own look-ups. */
    public static ChromaCollection chroma(RtfmApplication app) {
        return app.context().getRegistry().lookupByNameAndType("chromaCollection", ChromaCollection.class);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
        for (AutoCloseable peer : peers) {
            peer.close();
        }
        peers.clear();
    }
}
