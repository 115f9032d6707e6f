package routes.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an app serves at /observe/metrics, read as Prometheus reads it: each series (a name and its labels)
 * with its value.
 */
public final class MetricSeries {

    private final Map<String, Double> values = new HashMap<>();

    private MetricSeries() {
    }

    public static MetricSeries parse(String exposition) {
        MetricSeries series = new MetricSeries();
        for (String line : exposition.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                series.values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    /** The sum of a metric's series whose labels include all of these. */
    public double sum(String metric, Map<String, String> labels) {
        return values.entrySet().stream().filter(e -> metric.equals(name(e.getKey())))
                .filter(e -> labels.entrySet().stream().allMatch(label -> label.getValue().equals(label(e.getKey(), label.getKey()))))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** A metric's series summed by the values of these labels, joined by "/" (e.g. "topic/reader"). */
    public Map<String, Double> sumBy(String metric, String... labels) {
        Map<String, Double> sums = new HashMap<>();
        values.forEach((series, value) -> {
            if (metric.equals(name(series))) {
                StringBuilder key = new StringBuilder();
                for (String label : labels) {
                    key.append(key.isEmpty() ? "" : "/").append(label(series, label));
                }
                sums.merge(key.toString(), value, Double::sum);
            }
        });
        return sums;
    }

    private static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    private static String label(String series, String name) {
        Matcher m = Pattern.compile("[{,]" + name + "=\"([^\"]*)\"").matcher(series);
        return m.find() ? m.group(1) : null;
    }
}
