package routes.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overview's chart, drawn on the server: one stacked bar per UTC day, split by outcome,
 * scaled to the busiest day. Only numbers and fixed class names reach the SVG.
 */
public final class DayChart {

    public static final List<String> OUTCOMES = List.of("generated", "sources_only", "no_match", "error");
    static final int BAR_WIDTH = 16;
    static final int STEP = 20;
    static final int HEIGHT = 160;

    /** One rectangle; {@code label} is its tooltip ("2026-12-05: 3 no_match"). */
    public record Bar(int x, int y, int height, String outcome, String label) {
    }

    public record Chart(int width, int height, int busiest, List<Bar> bars, String firstDay, String lastDay) {
    }

    private DayChart() {
    }

    /** {@code perDay}: UTC day number (epoch day) to counts by outcome; the last {@code days} days up to {@code today}. */
    public static Chart draw(Map<Long, Map<String, Integer>> perDay, long today, int days) {
        long first = today - days + 1;
        int busiest = 0;
        for (long day = first; day <= today; day++) {
            busiest = Math.max(busiest, perDay.getOrDefault(day, Map.of()).values().stream().mapToInt(Integer::intValue).sum());
        }
        List<Bar> bars = new ArrayList<>();
        for (long day = first; day <= today; day++) {
            Map<String, Integer> counts = perDay.getOrDefault(day, Map.of());
            int top = HEIGHT;
            for (String outcome : OUTCOMES) {
                int count = counts.getOrDefault(outcome, 0);
                if (count == 0) {
                    continue;
                }
                int height = Math.max(1, Math.round((float) count * HEIGHT / busiest));
                top -= height;
                bars.add(new Bar((int) (day - first) * STEP, top, height, outcome, LocalDate.ofEpochDay(day) + ": " + count + " " + outcome));
            }
        }
        return new Chart(days * STEP, HEIGHT, busiest, bars, LocalDate.ofEpochDay(first).toString(), LocalDate.ofEpochDay(today).toString());
    }
}
