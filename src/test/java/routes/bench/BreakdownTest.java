package routes.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of a round trip follow one another, so each is the gap between two moments; together they are the whole. */
class BreakdownTest {

    @Test
    void eachPartIsTheGapBetweenTwoMomentsAndThePartsMakeTheWhole() {
        // asked at 1,000 and answered at 1,070: written at 1,006, polled at 1,014, built at 1,044 (5 ms of it Gemini, 8 and 4 of it
        // the two Chroma queries), its answer written at 1,046 and polled by the bot at 1,053
        BenchAsker.Timing first = new BenchAsker.Timing(1_000, 70, "q1", 8, 30);
        RoundTrips.Seen firstSeen = new RoundTrips.Seen(1_014, 8, 4, 5, 1_046, 1_053);
        // every part of it longer: 2,000 to 2,110
        BenchAsker.Timing second = new BenchAsker.Timing(2_000, 110, "q2", 10, 50);
        RoundTrips.Seen secondSeen = new RoundTrips.Seen(2_020, 14, 6, 9, 2_073, 2_085);
        // an answer the routes did not see end (another processor's): left out, not counted as zeros
        BenchAsker.Timing unseen = new BenchAsker.Timing(3_000, 5, "q3", 1, 1);

        Map<String, Long> medians = Breakdown.of(List.of(first, second, unseen), Map.of("q1", firstSeen, "q2", secondSeen)::get);

        // the median of two is the lower one (Percentile's nearest rank): here every part of the first question
        assertThat(medians).containsExactly(
                Map.entry("intake_publish", 6L),   // 1,006 - 1,000
                Map.entry("queue_wait", 8L),       // 1,014 - 1,006
                Map.entry("search", 25L),          // 30 - 5
                Map.entry("chroma_query", 8L),     // part of search
                Map.entry("chroma_answers", 4L),   // part of search
                Map.entry("gemini", 5L),
                Map.entry("answer_publish", 2L),   // 1,046 - 1,044
                Map.entry("response_wait", 7L),    // 1,053 - 1,046
                Map.entry("delivery", 17L));       // 1,070 - 1,053
        long whole = medians.entrySet().stream().filter(part -> !part.getKey().startsWith("chroma")).mapToLong(Map.Entry::getValue).sum();
        assertThat(whole).isEqualTo(first.totalMs());
    }
}
