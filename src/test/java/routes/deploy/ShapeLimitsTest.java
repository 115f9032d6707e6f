package routes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The limits a reviewer holds the tree to, so that they hold after the review too: no class over 200 lines (main
 * and tests: a longer one does more than one thing), and routes.yaml, the file a newcomer reads first, under 300
 * lines with no block of 5 lines said twice.
 */
class ShapeLimitsTest {

    private static final int MAX_CLASS_LINES = 200;

    @Test
    void noClassIsOver200Lines() throws IOException {
        List<String> over = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                    int lines = read(file).size();
                    if (lines > MAX_CLASS_LINES) {
                        over.add(file + " (" + lines + " lines)");
                    }
                });
            }
        }
        assertThat(over).as("classes over %d lines", MAX_CLASS_LINES).isEmpty();
    }

    @Test
    void routesYamlIsUnder300LinesWithNoBlockOfFiveRepeated() {
        List<String> routes = read(Path.of("src/main/resources/routes.yaml"));
        assertThat(routes).hasSizeLessThan(300);
        assertThat(repeatedBlocks(routes, 5)).isEmpty();
        assertThat(repeatedBlocks(List.of("a:", "  b: 1", "  c: 2", "  d: 3", "  e: 4", "x:", "a:", "  b: 1", "  c: 2", "  d: 3",
                "  e: 4"), 5)).as("the check itself finds a repeat").containsExactly("lines 1 and 7");
    }

    /** Where a run of this many lines (trimmed; runs of only blank and comment lines do not count) stands again. */
    static List<String> repeatedBlocks(List<String> lines, int size) {
        Map<List<String>, Integer> first = new HashMap<>();
        List<String> repeats = new ArrayList<>();
        for (int i = 0; i + size <= lines.size(); i++) {
            List<String> block = lines.subList(i, i + size).stream().map(String::strip).toList();
            if (block.stream().allMatch(line -> line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            Integer seen = first.putIfAbsent(block, i + 1);
            if (seen != null) {
                repeats.add("lines " + seen + " and " + (i + 1));
            }
        }
        return repeats;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
