package routes.cli;

import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import routes.RtfmApplication;
import routes.Role;

/** Runs RTFM until Ctrl-C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run RTFM. Without KAFKA_BOOTSTRAP_SERVERS and CHROMA_URL it starts both locally (local mode).")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--role", paramLabel = "ROLE", description = "all (default), bot (gateways and delivery) or processor (ingest and answer)")
    String role;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to use (default: KAFKA_BOOTSTRAP_SERVERS, else a local broker)")
    String bootstrapServers;

    @Option(names = "--chroma-url", paramLabel = "URL", description = "Chroma to use (default: CHROMA_URL, else a local server)")
    String chromaUrl;

    @Option(names = "--no-console", description = "Do not read chat lines from the terminal")
    boolean noConsole;

    @Override
    public Integer call() throws Exception {
        Properties overrides = new Properties();
        if (role != null) {
            Role.parse(role);
            overrides.setProperty("rtfm.role", role);
        }
        if (bootstrapServers != null) {
            overrides.setProperty("rtfm.kafka.bootstrap-servers", bootstrapServers);
        }
        if (chromaUrl != null) {
            overrides.setProperty("rtfm.chroma.url", chromaUrl);
        }
        if (noConsole) {
            overrides.setProperty("rtfm.console.enabled", "false");
        }
        new RtfmApplication(overrides).runUntilStopped();
        return 0;
    }
}
