package routes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import routes.RtfmApplication;
import routes.chroma.ChromaCollection;
import routes.schema.WireFormat;

/**
 * An integration test of an RTFM app on the shared Kafka and Chroma, one test instance per class: the
 * run id that names everything the class makes (TestApps), the app's configuration, the app once
 * started (stopped after the class's last test, with any other app it started) and its collection.
 */
@ExtendWith(SharedInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AppIT {

    protected final String run = UUID.randomUUID().toString().substring(0, 8);
    protected final WireFormat wire = new WireFormat();
    @RegisterExtension
    protected final RtfmApps apps = new RtfmApps();
    protected Properties config;
    protected RtfmApplication app;
    protected ChromaCollection chroma;

    /** The configuration of an app whose collection, topics and groups are named "&lt;name&gt;-&lt;run&gt;"; change it, then {@link #startApp}. */
    protected Properties configure(String name) {
        config = TestApps.config(name, run);
        return config;
    }

    /** The name this class's app gives a topic of the catalogue (a role: messages, queries, dead-letter, ...). */
    protected String topic(String role) {
        return config.getProperty("rtfm.topics." + role + ".name");
    }

    /** A GET of this class's app (/observe/metrics, /observe/health?data=true, ...). */
    protected HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of such a page. */
    protected String page(String path) throws Exception {
        return get(path).body();
    }

    /** The app's collection's record of a message (document and metadata): its ids are empty when nothing is stored. */
    protected JsonNode record(String id) {
        return StoredRecords.record(chroma, id);
    }

    protected boolean stored(String id) {
        return StoredRecords.stored(chroma, id);
    }

    protected JsonNode metadata(String id) {
        return StoredRecords.metadata(chroma, id);
    }

    /** POSTs JSON to this class's app (/api/ask, /api/messages, ...). */
    protected HttpResponse<String> postJson(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the app so configured: ready (topics made, routes started) when this returns. */
    protected RtfmApplication startApp() throws Exception {
        app = apps.start(config);
        chroma = RtfmApps.chroma(app);
        return app;
    }
}
