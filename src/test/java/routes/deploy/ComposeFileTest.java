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
public class ComposeFileTest {

    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "chroma", "postgres", "kafka-expose", "chroma-expose", "prometheus", "grafana");
    private static final Pattern METRIC = Pattern.compile("\\b(rtfm_[a-z_]+)");

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
        assertThat(services).containsKeys("kafka", "chroma", "postgres", "bot", "processor");
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

    @Test
    @SuppressWarnings("unchecked")
    void kafkaChromaAndPostgresStayInternalUnlessExposedAndTheAppGetsTimeToDrain() throws Exception {
        Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("docker-compose.yml")))).get("services");
        for (String internal : List.of("kafka", "chroma", "postgres")) {
            assertThat((Map<String, Object>) services.get(internal)).as(internal).doesNotContainKey("ports");
        }
        for (String exposer : List.of("kafka-expose", "chroma-expose")) {
            Map<String, Object> definition = (Map<String, Object>) services.get(exposer);
            assertThat((List<String>) definition.get("profiles")).containsExactly("expose");
            assertThat((List<String>) definition.get("ports")).allMatch(port -> port.startsWith("127.0.0.1:"));
        }
        for (String app : List.of("bot", "processor")) {
            String grace = (String) ((Map<String, Object>) services.get(app)).get("stop_grace_period");
            assertThat(Integer.parseInt(grace.replace("s", ""))).as(app).isGreaterThan(30);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardAndTheAlertRulesParseAndUseOnlyRtfmMetrics() throws Exception {
        Map<String, Object> dashboard = routes.schema.WireFormat.mapper().readValue(
                Files.readString(Path.of("deploy/grafana/dashboards/rtfm.json")), Map.class);
        assertThat((List<Object>) dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(6);
        Map<String, Object> rules = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("deploy/prometheus/alerts.yml")));
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) ((List<Map<String, Object>>) rules.get("groups")).get(0).get("rules");
        assertThat(alerts).extracting(rule -> rule.get("alert")).contains("RtfmIngestPaused", "RtfmLagGrowing", "RtfmDeadLetters",
                "RtfmGeminiBreakerOpen", "RtfmDiscordDisconnected", "RtfmRecordsUnaccounted", "RtfmQuestionLogFailing");
        assertThat(usedMetrics()).contains("rtfm_consumer_lag", "rtfm_dead_letters_total", "rtfm_answer_latency_seconds_bucket");
        // every series any expression reads is one of RTFM's own: the app serves no other (DiscordIT checks each is served)
        List<String> expressions = new java.util.ArrayList<>();
        alerts.forEach(rule -> expressions.add((String) rule.get("expr")));
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                expressions.add((String) target.get("expr"));
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);
        for (String expression : expressions) {
            assertThat(seriesIn(expression)).as(expression).isNotEmpty().allMatch(name -> name.startsWith("rtfm_"));
        }
        assertThat(seriesIn("sum(rate(up{job=\"x\"}[5m])) by (instance) > 0 and on() rtfm_discord_connected"))
                .as("the check itself sees a foreign series").containsExactly("up", "rtfm_discord_connected");
        String prometheus = Files.readString(Path.of("deploy/prometheus/prometheus.yml"));
        assertThat(prometheus).contains("/observe/metrics").contains("alerts.yml");
    }

    /** The series a PromQL expression reads: its identifiers, less functions, keywords, label names, strings and ranges. */
    static List<String> seriesIn(String expression) {
        String bare = expression.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^\\]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        List<String> series = new java.util.ArrayList<>();
        Matcher identifier = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (identifier.group(2) == null && !Set.of("and", "or", "unless", "bool", "offset").contains(name)) {
                series.add(name);
            }
        }
        return series;
    }

    /** Every rtfm_* metric the dashboard and the alert rules use; DiscordIT checks a running app serves each. */
    public static Set<String> usedMetrics() throws Exception {
        Set<String> used = new java.util.TreeSet<>();
        for (String file : List.of("deploy/grafana/dashboards/rtfm.json", "deploy/prometheus/alerts.yml")) {
            Matcher metric = METRIC.matcher(Files.readString(Path.of(file)));
            while (metric.find()) {
                used.add(metric.group(1));
            }
        }
        return used;
    }
}
