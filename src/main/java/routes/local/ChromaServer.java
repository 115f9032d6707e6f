package routes.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Chroma server, from the npm package pinned in {@code local/chroma/package-lock.json},
 * run as a child process. It is installed with {@code npm ci} on first use and stopped, with any
 * process it started, when RTFM stops.
 */
public final class ChromaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChromaServer.class);
    private static final List<String> PACKAGE_FILES = List.of("package.json", "package-lock.json");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** In the data directory while the server runs: its URL, for the CLI commands of local mode. */
    public static final String ADDRESS_FILE = "url";

    private final Path installDir;
    private final Path dataDir;
    private Process process;
    private String url;
    private final int port;

    /**
     * @param installDir where the npm package is installed (kept between runs)
     * @param dataDir    where Chroma keeps its data
     */
    public ChromaServer(Path installDir, Path dataDir) {
        this(installDir, dataDir, 0);
    }

    /** @param port where to listen; 0 picks a free port (a restart on the same port and data finds everything again) */
    public ChromaServer(Path installDir, Path dataDir, int port) {
        this.installDir = installDir;
        this.dataDir = dataDir;
        this.port = port;
    }

    public synchronized String start() {
        if (process != null) {
            return url;
        }
        try {
            Path binary = install();
            Files.createDirectories(dataDir);
            int port = this.port > 0 ? this.port : FreePort.pick();
            Path log = installDir.resolve("chroma-" + port + ".log");
            List<String> command = new java.util.ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                // its own session: a Ctrl-C at the terminal reaches RTFM, which stops Chroma after its routes
                command.add("/usr/bin/setsid");
            }
            command.addAll(List.of(binary.toString(), "run",
                    "--path", dataDir.toAbsolutePath().toString(), "--port", Integer.toString(port)));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            process = builder.start();
            url = "http://127.0.0.1:" + port;
            awaitHeartbeat(log);
            LOG.info("Chroma server (npm chromadb) listening on {} with data in {}", url, dataDir.toAbsolutePath());
            AddressFile.write(dataDir, ADDRESS_FILE, url);
            return url;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start the local Chroma server", e);
        }
    }

    private Path install() throws IOException {
        Files.createDirectories(installDir);
        boolean changed = false;
        for (String file : PACKAGE_FILES) {
            byte[] wanted;
            try (InputStream in = ChromaServer.class.getResourceAsStream("/local/chroma/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource local/chroma/" + file);
                }
                wanted = in.readAllBytes();
            }
            Path target = installDir.resolve(file);
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), wanted)) {
                Files.write(target, wanted);
                changed = true;
            }
        }
        Path binary = installDir.resolve("node_modules/.bin/chroma");
        if (changed || !Files.isExecutable(binary)) {
            LOG.info("Installing the Chroma server with npm ci in {} (first run only)", installDir.toAbsolutePath());
            runNpmCi();
        }
        return binary;
    }

    private void runNpmCi() throws IOException {
        Path log = installDir.resolve("npm-ci.log");
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(installDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("npm was not found: install Node.js 18 or newer for the local Chroma server, "
                    + "or set CHROMA_URL to a running Chroma", e);
        }
        try {
            if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci did not finish within 10 minutes; see " + log.toAbsolutePath());
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Chroma", e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed with exit code " + npm.exitValue() + "; see " + log.toAbsolutePath());
        }
    }

    private void awaitHeartbeat(Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest heartbeat = HttpRequest.newBuilder(URI.create(url + "/api/v2/heartbeat"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Chroma server exited with code " + process.exitValue()
                        + " at start; see " + log.toAbsolutePath());
            }
            try {
                if (client.send(heartbeat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Chroma", e);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("the Chroma server did not answer within " + START_TIMEOUT.toSeconds()
                + " s; see " + log.toAbsolutePath());
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        LOG.info("Stopping the Chroma server");
        AddressFile.delete(dataDir, ADDRESS_FILE);
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
