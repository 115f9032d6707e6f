package routes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The settings and the docs say the same: every rtfm.* setting the code reads is defined in
 * application.properties and documented in docs/CONFIGURATION.md, and every environment variable the
 * docs name is read somewhere. (Metric names look like settings; the names the code registers meters
 * under are told apart by how they are registered.)
 */
class SettingsReferenceTest {

    private static final Pattern SETTING = Pattern.compile("\\brtfm\\.[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern METER = Pattern.compile("(?:counter|summary|gauge|builder)\\(\\s*\"(rtfm\\.[^\"]+)\"");
    private static final Pattern PROPERTY = Pattern.compile("(?m)^\\s*([a-z][\\w.-]*)\\s*=");
    private static final Pattern ENVIRONMENT = Pattern.compile("`((?:RTFM|KAFKA|CHROMA|GEMINI|DISCORD)_[A-Z0-9_]+)`");
    /** Set by RtfmApplication from rtfm.role: documented under "Route switches", never defined. */
    private static final Set<String> ROUTE_SWITCHES = Set.of("rtfm.processor.enabled", "rtfm.bot.enabled", "rtfm.console.active",
            "rtfm.api.active", "rtfm.log.active", "rtfm.dashboard.active");

    @Test
    void everySettingTheCodeReadsIsDefinedAndDocumented() {
        Set<String> read = new TreeSet<>();
        Set<String> meters = new TreeSet<>();
        for (String source : sources(Path.of("src/main"), ".java", ".yaml")) {
            SETTING.matcher(source).results().forEach(m -> read.add(m.group()));
            METER.matcher(source).results().forEach(m -> meters.add(m.group(1)));
        }
        read.removeAll(meters);
        assertThat(read).as("the check finds what it checks").contains("rtfm.retrieval.answer-bonus", "rtfm.topics.messages.name")
                .doesNotContain("rtfm.records.taken");

        Set<String> defined = new TreeSet<>();
        PROPERTY.matcher(text(Path.of("src/main/resources/application.properties"))).results().forEach(m -> defined.add(m.group(1)));
        String reference = text(Path.of("docs/CONFIGURATION.md"));
        for (String setting : read) {
            // a prefix the code completes ("rtfm.topics." + role + ".name", "rtfm.kafka.client." + key) stands for its settings
            boolean prefix = defined.stream().anyMatch(key -> key.startsWith(setting + "."));
            if (ROUTE_SWITCHES.contains(setting)) {
                assertThat(reference).as(setting + " in the route switches").contains("| `" + setting + "` |");
                continue;
            }
            assertThat(defined.contains(setting) || prefix).as(setting + " is defined in application.properties").isTrue();
            if (!prefix) {
                String asRole = setting.replaceFirst("^rtfm\\.topics\\.[a-z-]+\\.", "rtfm.topics.<role>.");
                assertThat(reference.contains("`" + setting + "`") || reference.contains("`" + asRole + "`"))
                        .as(setting + " is in docs/CONFIGURATION.md").isTrue();
            }
        }
        assertThat(text(Path.of("src/main/java/routes/RtfmApplication.java"))).contains(ROUTE_SWITCHES.stream()
                .map(s -> "\"" + s + "\"").toList());
    }

    @Test
    void everyEnvironmentVariableTheDocsNameIsRead() {
        StringBuilder docs = new StringBuilder(text(Path.of("README.md")));
        sources(Path.of("docs"), ".md").forEach(docs::append);
        Set<String> named = new TreeSet<>();
        ENVIRONMENT.matcher(docs).results().forEach(m -> named.add(m.group(1)));
        assertThat(named).as("the check finds what it checks").contains("RTFM_ANSWER_BONUS", "KAFKA_BOOTSTRAP_SERVERS");

        StringBuilder readers = new StringBuilder();
        sources(Path.of("src/main"), ".java", ".properties", ".yaml").forEach(readers::append);
        // the tests' own settings (RTFM_TEST_DATABASE_URL) are read by the tests, and CI sets them
        sources(Path.of("src/test/java/routes/testing"), ".java").forEach(readers::append);
        for (String file : List.of("docker-compose.yml", "Dockerfile", "Makefile", ".ci/run")) {
            readers.append(text(Path.of(file)));
        }
        for (String variable : named) {
            Matcher read = Pattern.compile("\\{\\{env:" + variable + "[:}]|getenv\\(\"" + variable + "\"\\)|\\$\\{?" + variable + "\\b|"
                    + "\\b" + variable + ":").matcher(readers);
            assertThat(read.find()).as(variable + " is read by the code, compose, the Dockerfile, the Makefile, CI or the test harness").isTrue();
        }
    }

    private static List<String> sources(Path root, String... endings) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> Stream.of(endings).anyMatch(e -> f.toString().endsWith(e)))
                    .map(SettingsReferenceTest::text).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
