package routes.dashboard;

import java.util.Map;
import java.util.SortedMap;

/** The overview's median answer time, from latencies counted per 100 ms step (step n: n*100 .. n*100+99 ms). */
final class LatencySteps {

    private LatencySteps() {
    }

    /** The middle of the step holding the median latency, or null when there is none. */
    static Double median(SortedMap<Long, Integer> steps) {
        long count = steps.values().stream().mapToLong(Integer::longValue).sum();
        long seen = 0;
        for (Map.Entry<Long, Integer> step : steps.entrySet()) {
            seen += step.getValue();
            if (seen * 2 >= count) {
                return step.getKey() * 100 + 50.0;
            }
        }
        return null;
    }
}
