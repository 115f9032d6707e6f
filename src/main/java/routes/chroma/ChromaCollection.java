package routes.chroma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import routes.schema.WireFormat;

/**
 * The Chroma collection RTFM writes to: created on start (cosine space) with the embedding model
 * recorded in its metadata, and refused when it already holds vectors of another model, since a
 * collection's dimension is fixed by its first insert and mixed models make distances meaningless.
 */
public class ChromaCollection {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChromaCollection.class);

    public static final String MODEL_KEY = "rtfm_embedding_model";
    public static final String DIMENSION_KEY = "rtfm_embedding_dimension";

    private final String baseUrl;
    private final String tenant;
    private final String database;
    private volatile String name;
    private volatile Set<String> retired = Set.of();
    private final String model;
    private final int dimension;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String id;
    private String authToken = "";

    public ChromaCollection(String baseUrl, String tenant, String database, String name, String model, int dimension) {
        this.baseUrl = stripSlash(baseUrl);
        this.tenant = tenant;
        this.database = database;
        this.name = name;
        this.model = model;
        this.dimension = dimension;
    }

    /** The collection's UUID, which Chroma's record endpoints need instead of its name. */
    public String id() {
        String current = id;
        if (current == null) {
            synchronized (this) {
                if (id == null) {
                    id = getOrCreate();
                }
                current = id;
            }
        }
        return current;
    }

    /**
     * A token for a Chroma behind an auth proxy or a hosted Chroma, sent as a bearer header with
     * every call (the Chroma 1.0 server itself enforces none). Never logged.
     */
    public void setAuthToken(String token) {
        this.authToken = token == null ? "" : token.trim();
    }

    /** The Authorization header value for Chroma calls, or null without a token. */
    public String authorization() {
        return authToken.isEmpty() ? null : "Bearer " + authToken;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return authToken.isEmpty() ? builder : builder.header("Authorization", authorization());
    }

    /**
     * Follows the index state (rtfm-index-state): from now on every call goes to the active
     * collection, and a retired one is never created again, not even by a collection recovery.
     */
    public synchronized void follow(String active, Set<String> retiredNames) {
        retired = Set.copyOf(retiredNames);
        if (!active.equals(name)) {
            LOG.info("Chroma collection '{}' is now the active one (was '{}')", active, name);
            name = active;
            id = null;
        }
    }

    /** Forgets the resolved id: the next call resolves the collection again by its configured name. */
    public void forget() {
        id = null;
    }

    /** Whether the configured collection exists (readiness: ingest cannot store without it). */
    public boolean exists() {
        return answersOk(databaseUrl() + "/collections/" + name);
    }

    public String name() {
        return name;
    }

    /** Base path of the database, for the routes' HTTP calls. */
    public String databaseUrl() {
        return baseUrl + "/api/v2/tenants/" + tenant + "/databases/" + database;
    }

    public String recordsUrl() {
        return databaseUrl() + "/collections/" + id();
    }

    /** Where one record operation (get, upsert, delete, query) of this collection is posted. */
    public String operationUrl(String operation) {
        return recordsUrl() + "/" + operation;
    }

    private String getOrCreate() {
        if (retired.contains(name)) {
            throw new IllegalStateException("Chroma collection '" + name + "' was retired by a reindex and is not created again");
        }
        ObjectNode body = WireFormat.mapper().createObjectNode();
        body.put("name", name);
        body.put("get_or_create", true);
        body.putObject("configuration").putObject("hnsw").put("space", "cosine");
        body.putObject("metadata").put(MODEL_KEY, model).put(DIMENSION_KEY, dimension);
        JsonNode created = post(databaseUrl() + "/collections", body.toString());
        CollectionGuard.check(name, created, model, dimension);
        return created.path("id").asText();
    }

    /** Drops the whole collection (eval's throwaway ones, a collection a reindex retired); none there is no error. */
    public void drop() {
        if (exists()) {
            send(HttpRequest.newBuilder(URI.create(databaseUrl() + "/collections/" + name)).DELETE());
        }
        id = null;
    }

    /** Counts the records, for health output and tests. */
    public long count() {
        return get(recordsUrl() + "/count").asLong();
    }

    /** Whether Chroma answers its heartbeat. */
    public boolean reachable() {
        return answersOk(baseUrl + "/api/v2/heartbeat");
    }

    /** A quick GET for health checks: true on 200, false on anything else, an error included. */
    private boolean answersOk(String url) {
        HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public JsonNode post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = authorized(builder).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Chroma answered " + response.statusCode() + " to "
                        + request.method() + " " + request.uri().getPath() + ": " + response.body());
            }
            return WireFormat.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Chroma at " + baseUrl + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Chroma", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
