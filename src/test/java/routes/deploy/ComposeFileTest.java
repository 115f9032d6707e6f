package routes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** docker-compose.yml cannot run here (no Docker engine), so check that it says what the app reads. */
class ComposeFileTest {

    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "chroma");

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentNameOfOurServicesIsOneTheAppReads() throws Exception {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("docker-compose.yml")));
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Set<String> read = new HashSet<>();
        Matcher env = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(properties);
        while (env.find()) {
            read.add(env.group(1));
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("kafka", "chroma", "bot", "processor");
        int checked = 0;
        for (Map.Entry<String, Object> service : services.entrySet()) {
            if (INFRASTRUCTURE.contains(service.getKey())) {
                continue;
            }
            Map<String, Object> definition = (Map<String, Object>) service.getValue();
            Map<String, Object> environment = (Map<String, Object>) definition.getOrDefault("environment", Map.of());
            for (String name : environment.keySet()) {
                assertThat(read).as("%s sets %s", service.getKey(), name).contains(name);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5);
        Map<String, Object> processor = (Map<String, Object>) services.get("processor");
        assertThat((List<String>) processor.get("command")).containsExactly("run", "--role", "processor");
        assertThat(((Map<String, Object>) processor.get("environment"))).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "CHROMA_URL", "GEMINI_API_KEY");
    }
}
