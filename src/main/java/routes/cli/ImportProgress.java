package routes.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an import is doing, for the person waiting: a progress bar on a terminal (count, rate,
 * estimated time left by bytes read), plain lines every few seconds otherwise (a log, CI).
 */
final class ImportProgress {

    private static final long LINE_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int BAR = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long published;
    private long lastLine = started;
    private long totalBytes;
    private long doneBytes;
    private long fileBytes;
    private CountingInput current;

    /** For the files to import: their sizes make the time left. */
    ImportProgress(PrintWriter out, boolean terminal, List<Path> files) throws IOException {
        this.out = out;
        this.terminal = terminal;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
    }

    /** Opens the next file; what the parser reads of it is counted. */
    InputStream open(Path file) throws IOException {
        if (current != null) {
            doneBytes += fileBytes;
        }
        fileBytes = Files.size(file);
        current = new CountingInput(new BufferedInputStream(Files.newInputStream(file)));
        if (!terminal) {
            out.println("importing " + file + " (" + fileBytes / 1024 + " KiB)");
            out.flush();
        }
        return current;
    }

    void published() {
        published++;
        long now = System.nanoTime();
        if (terminal ? published % 200 == 0 : now - lastLine > LINE_EVERY_NANOS) {
            lastLine = now;
            show(false);
        }
    }

    /** An error line follows: end the bar's line first. */
    void interrupt() {
        if (terminal) {
            out.println();
        }
    }

    void done(int files, long systemNotices) {
        if (current != null) {
            doneBytes += fileBytes;
            current = null;
        }
        show(true);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        out.printf("imported %,d message(s) from %d file(s) in %.1f s (%,.0f/s); %,d system notice(s) left out%n",
                published, files, seconds, published / seconds, systemNotices);
        out.flush();
    }

    private void show(boolean last) {
        long read = doneBytes + (current == null ? 0 : current.count());
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double fraction = totalBytes == 0 ? 1 : Math.min(1, (double) read / totalBytes);
        long etaSeconds = fraction <= 0 ? 0 : Math.round(seconds / fraction - seconds);
        String counts = String.format("%,d messages  %,.0f/s  ETA %d:%02d", published, published / seconds, etaSeconds / 60, etaSeconds % 60);
        if (terminal) {
            int filled = (int) Math.round(fraction * BAR);
            out.print("\r[" + "=".repeat(filled) + " ".repeat(BAR - filled) + "] " + Math.round(fraction * 100) + "%  " + counts);
            if (last) {
                out.println();
            }
        } else if (!last) {
            out.println(Math.round(fraction * 100) + "%  " + counts);
        }
        out.flush();
    }

    /** Counts the bytes the parser has taken from a file. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        CountingInput(java.io.InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
