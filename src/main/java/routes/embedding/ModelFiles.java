package routes.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The model's files on disk, copied once from the jar into a directory every RTFM process on the
 * machine shares. ONNX Runtime then reads the model from the file, outside the Java heap: loaded from
 * the jar, langchain4j reads its 90 MB into a growing byte array and copies it again (about 220 MB
 * of heap at once), which under `make run`'s 512 MB heap failed now and then with an
 * OutOfMemoryError at start. A file's name carries its size, so another model version gets files
 * of its own; each is written under a temporary name and moved into place, so a process never reads
 * one that another is still writing.
 */
final class ModelFiles {

    private ModelFiles() {
    }

    /** The resource's file in {@code directory}, written there first if it is not yet. */
    static Path extract(String resource, Path directory) {
        URL url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("the embedding model's " + resource + " is missing from the classpath");
        }
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            int dot = resource.lastIndexOf('.');
            Path file = directory.resolve(resource.substring(0, dot) + "-" + size + resource.substring(dot));
            if (Files.isRegularFile(file) && Files.size(file) == size) {
                return file;
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, resource, ".partial");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the embedding model's " + resource + " to " + directory, e);
        }
    }

    private static void move(Path partial, Path file) throws IOException {
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException written) {
            // another process moved the same file into place first
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
