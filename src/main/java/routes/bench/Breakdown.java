package routes.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * bench's query_breakdown_ms: the median of each part of a question's round trip through /api/ask, one
 * after another, so that they add up to the whole. intake_publish: the HTTP API takes the question and
 * writes its record to bot-queries; queue_wait: until a processor polls it; search: the processor's
 * work before and after Gemini (embedding, the Chroma calls, ranking, the audience rule, building the
 * answer), of which chroma_query is the search for candidates and chroma_answers the look-up of the
 * replies to the questions among them (answer links); gemini: the call to Gemini (here the stand-in);
 * answer_publish: from the answer built to its record written to bot-responses; response_wait: until
 * the bot polls it; delivery: the bot hands it to the waiting HTTP request, and its reply arrives.
 */
final class Breakdown {

    private static final List<String> PARTS = List.of("intake_publish", "queue_wait", "search", "chroma_query", "chroma_answers", "gemini",
            "answer_publish", "response_wait", "delivery");

    private Breakdown() {
    }

    static Map<String, Long> of(List<BenchAsker.Timing> timings, Function<String, RoundTrips.Seen> routes) {
        Map<String, List<Long>> parts = new LinkedHashMap<>();
        PARTS.forEach(part -> parts.put(part, new ArrayList<>()));
        for (BenchAsker.Timing timing : timings) {
            RoundTrips.Seen seen = routes.apply(timing.queryId());
            if (seen == null || timing.queueWaitMs() < 0 || timing.processingMs() < 0 || seen.answerWrittenAt() < 0) {
                continue;
            }
            long questionWritten = seen.polledAt() - timing.queueWaitMs();
            long answerBuilt = seen.polledAt() + timing.processingMs();
            parts.get("intake_publish").add(questionWritten - timing.sentAt());
            parts.get("queue_wait").add(timing.queueWaitMs());
            parts.get("search").add(timing.processingMs() - seen.geminiMs());
            parts.get("chroma_query").add(seen.chromaQueryMs());
            parts.get("chroma_answers").add(seen.chromaAnswersMs());
            parts.get("gemini").add(seen.geminiMs());
            parts.get("answer_publish").add(seen.answerWrittenAt() - answerBuilt);
            parts.get("response_wait").add(seen.deliveryPolledAt() - seen.answerWrittenAt());
            parts.get("delivery").add(timing.sentAt() + timing.totalMs() - seen.deliveryPolledAt());
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        parts.forEach((part, values) -> medians.put(part, median(values)));
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
