package routes.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The address a local-mode server (the embedded broker, the Chroma server) listens on, kept in a
 * file in its data directory while it runs: the CLI commands find it there without being told.
 */
public final class AddressFile {

    private AddressFile() {
    }

    static void write(Path dir, String name, String address) {
        try {
            Files.writeString(dir.resolve(name), address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    /** The address written there, or null when no server runs from that directory. */
    public static String read(Path dir, String name) {
        try {
            Path file = dir.resolve(name);
            return Files.isReadable(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void delete(Path dir, String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            // a stale file names a port nobody listens on: the command then says it cannot connect
        }
    }
}
