package routes.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench's query_breakdown_ms: the median of each part of a question's round trip through /api/ask.
 * queue_wait (the question's record written to Kafka until a processor polls it) and processing
 * (search, ranking and the answer, in the processor) come from the answer's metadata; the rest is
 * the gateways and the answer's own trip through Kafka: intake, publishing the question, publishing
 * the answer, delivery to the waiting HTTP request.
 */
final class Breakdown {

    private Breakdown() {
    }

    static Map<String, Long> of(List<BenchAsker.Timing> timings) {
        List<Long> queue = new ArrayList<>();
        List<Long> processing = new ArrayList<>();
        List<Long> rest = new ArrayList<>();
        for (BenchAsker.Timing timing : timings) {
            if (timing.queueWaitMs() >= 0 && timing.processingMs() >= 0) {
                queue.add(timing.queueWaitMs());
                processing.add(timing.processingMs());
                rest.add(Math.max(0, timing.totalMs() - timing.queueWaitMs() - timing.processingMs()));
            }
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        medians.put("queue_wait", median(queue));
        medians.put("processing", median(processing));
        medians.put("gateways_and_return", median(rest));
        return medians;
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return Percentile.of(sorted, 50);
    }
}
