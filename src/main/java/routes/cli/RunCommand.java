package routes.cli;

import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import routes.RtfmApplication;
import routes.Role;

/** Runs RTFM until Ctrl-C or SIGTERM. Each option overrides the setting it names. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run RTFM. Without KAFKA_BOOTSTRAP_SERVERS and CHROMA_URL it starts both locally (local mode).")
public class RunCommand implements Callable<Integer> {

    private final Properties overrides = new Properties();

    @Spec
    CommandSpec spec;

    @Option(names = "--role", paramLabel = "ROLE", description = "all (default), bot (gateways and delivery) or processor (ingest and answer)")
    void role(String role) {
        try {
            Role.parse(role);
        } catch (IllegalArgumentException e) {
            // a misused option, told as picocli tells the others (exit 2)
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        overrides.setProperty("rtfm.role", role);
    }

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to use (default: KAFKA_BOOTSTRAP_SERVERS, else a local broker)")
    void bootstrapServers(String servers) {
        overrides.setProperty("rtfm.kafka.bootstrap-servers", servers);
    }

    @Option(names = "--chroma-url", paramLabel = "URL", description = "Chroma to use (default: CHROMA_URL, else a local server)")
    void chromaUrl(String url) {
        overrides.setProperty("rtfm.chroma.url", url);
    }

    @Option(names = "--no-console", description = "Do not read chat lines from the terminal")
    void noConsole(boolean off) {
        overrides.setProperty("rtfm.console.enabled", Boolean.toString(!off));
    }

    @Override
    public Integer call() throws Exception {
        new RtfmApplication(overrides).runUntilStopped();
        return 0;
    }
}
