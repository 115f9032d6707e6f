package routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every misuse prints what is wrong and exits non-zero. */
public class CliTest {

    public record Outcome(int exit, String out, String err) {
    }

    public static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = RtfmCommand.execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void anUnknownCommandIsNamed() {
        Outcome outcome = run("frobnicate");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("frobnicate");
    }

    @Test
    void benchAndImportRefuseWhatTheyCannotUse() {
        Outcome zero = run("bench", "--messages", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--messages and --queries must be at least 1");
        Outcome noExport = run("bench", "--export", "/no/such/export.json");
        assertThat(noExport.exit()).isEqualTo(2);
        assertThat(noExport.err()).contains("cannot read /no/such/export.json");
        Outcome nothing = run("import");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("FILE|DIR");
    }

    @Test
    void logTailWithoutADatabaseSaysWhatIsMissing() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createTempDirectory("rtfm-no-log");
        System.setProperty("rtfm.local.dir", empty.toString());
        try {
            Outcome outcome = run("log", "tail");
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.err()).contains("no question log under " + empty.toAbsolutePath().resolve("log"))
                    .contains("RTFM_DATABASE_URL");
            // looking created nothing
            assertThat(empty.resolve("log")).doesNotExist();
        } finally {
            System.clearProperty("rtfm.local.dir");
        }
    }

    @Test
    void noCommandAsksForOne() {
        Outcome outcome = run();
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("a command is required");
    }

    @Test
    void aMissingOptionValueIsNamed() {
        Outcome outcome = run("topics", "list", "--bootstrap-servers");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("--bootstrap-servers");
    }

    @Test
    void anUnknownTopicActionListsTheValidOnes() {
        Outcome outcome = run("topics", "shred", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("create, list, describe, delete");
    }

    @Test
    void deleteWithoutYesRefuses() {
        Outcome outcome = run("topics", "delete", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("--yes");
    }

    @Test
    void anUnknownRoleIsNamed() {
        Outcome outcome = run("run", "--role", "janitor");
        assertThat(outcome.exit()).as("a misused option").isEqualTo(2);
        assertThat(outcome.err()).contains("unknown role 'janitor'");
    }

    @Test
    void aDeadBrokerFailsWithinThirtySecondsSayingWhere() throws Exception {
        int port = routes.local.FreePort.pick();
        long started = System.nanoTime();
        Outcome outcome = run("topics", "list", "--bootstrap-servers", "127.0.0.1:" + port);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.err()).contains("127.0.0.1:" + port).contains("did not answer");
        assertThat(seconds).isLessThan(30);
    }
}
