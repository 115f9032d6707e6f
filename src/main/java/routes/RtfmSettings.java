package routes;

import java.util.List;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import routes.kafka.TopicCatalog;
import routes.kafka.TopicSpec;

/**
 * application.properties resolved the way Camel resolves it (environment placeholders included),
 * for code that runs before or without the Camel application: the CLI and local infrastructure.
 */
public final class RtfmSettings {

    private final PropertiesComponent properties;

    private RtfmSettings(Properties overrides) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        // a built (never started) context: enough for placeholder resolution and its type conversions
        context.build();
        properties = context.getPropertiesComponent();
        properties.setLocation("classpath:application.properties");
        properties.setOverrideProperties(overrides);
    }

    public static RtfmSettings load(Properties overrides) {
        Properties copy = new Properties();
        copy.putAll(overrides);
        return new RtfmSettings(copy);
    }

    /** The resolved value, or null when the key is unset or empty. */
    public String get(String key) {
        String value = properties.resolveProperty(key).orElse(null);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A value application.properties always defines: its default lives there, not in the code that reads it. */
    public String require(String key) {
        String value = get(key);
        if (value == null) {
            throw new IllegalStateException(key + " has no value: application.properties defines it, unless an override emptied it");
        }
        return value;
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(require(key));
    }

    /** Whether a setting that may be empty (a token, an address) is given. */
    public boolean given(String key) {
        return get(key) != null;
    }

    public String get(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    public List<TopicSpec> topics() {
        return TopicCatalog.fromProperties(this::get);
    }
}
