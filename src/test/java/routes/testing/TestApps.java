package routes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import routes.kafka.TopicCatalog;

/**
 * The configuration of an app an integration test starts on the shared Kafka and Chroma, with
 * everything of its own named "<name>-<run>": collection, topics ("<name>-<run>-<role>") and
 * consumer groups ("<name>-processor-<run>", "<name>-bot-<run>"), so test classes never share state.
 */
public final class TestApps {

    private TestApps() {
    }

    public static Properties config(String name, String run) {
        Properties config = new Properties();
        config.setProperty("rtfm.kafka.bootstrap-servers", SharedInfrastructure.kafkaBootstrap());
        config.setProperty("rtfm.chroma.url", SharedInfrastructure.chromaUrl());
        config.setProperty("rtfm.chroma.collection", name + "-" + run);
        config.setProperty("rtfm.console.enabled", "false");
        config.setProperty("rtfm.http.port", Integer.toString(freePort()));
        try {
            config.setProperty("rtfm.local.dir", Files.createTempDirectory("rtfm-" + name + "-it").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String role : TopicCatalog.ROLES) {
            config.setProperty("rtfm.topics." + role + ".name", name + "-" + run + "-" + role);
        }
        config.setProperty("rtfm.kafka.processor-group-id", name + "-processor-" + run);
        config.setProperty("rtfm.kafka.bot-group-id", name + "-bot-" + run);
        // a test asks a few questions at a time: the default 24 answer consumers take seconds per app to join their group
        // and to stop again (each stop waits for every consumer's poll); AnswerConcurrencyIT runs with the default
        config.setProperty("rtfm.answer.consumers", "4");
        return config;
    }

    public static int freePort() {
        return routes.local.FreePort.pick();
    }
}
