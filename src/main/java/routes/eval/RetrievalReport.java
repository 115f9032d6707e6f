package routes.eval;

import java.util.List;
import java.util.Locale;

/**
 * Recall at 1, 3, 5 and 10 and mean reciprocal rank (over the top 10, and over the top 5) of an
 * evaluation set; with the questions missed, and for each whose first source is not an answer, what
 * it is (FirstPlace kind, tab, question, tab, the first source's excerpt); and how far the first
 * source's score tells whether it is right (ProactiveCalibration, `eval --proactive`).
 */
public record RetrievalReport(int questions, double recallAt1, double recallAt3, double recallAt5, double recallAt10, double mrr,
                              double mrrAt5, List<String> misses, List<String> explained, ProactiveCalibration calibration) {

    /**
     * @param ranks the 1-based rank of the first expected message for each question, 0 when not in the top 10
     * @param calibration each answered question's first-source score and whether that source is an expected answer
     */
    static RetrievalReport of(List<Integer> ranks, List<String> misses, List<String> explained, ProactiveCalibration calibration) {
        int n = ranks.size();
        return new RetrievalReport(n, recall(ranks, 1), recall(ranks, 3), recall(ranks, 5), recall(ranks, 10),
                ranks.stream().mapToDouble(r -> r == 0 ? 0 : 1.0 / r).sum() / n,
                ranks.stream().mapToDouble(r -> r == 0 || r > 5 ? 0 : 1.0 / r).sum() / n, misses, explained, calibration);
    }

    private static double recall(List<Integer> ranks, int k) {
        return ranks.stream().filter(r -> r > 0 && r <= k).count() / (double) ranks.size();
    }

    public double recallAt(int k) {
        return switch (k) {
            case 1 -> recallAt1;
            case 3 -> recallAt3;
            case 5 -> recallAt5;
            case 10 -> recallAt10;
            default -> throw new IllegalArgumentException("recall is reported at 1, 3, 5 and 10");
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "questions %d%nrecall@1  %.3f%nrecall@3  %.3f%nrecall@5  %.3f%nrecall@10 %.3f%nMRR       %.3f%nMRR@5     %.3f",
                questions, recallAt1, recallAt3, recallAt5, recallAt10, mrr, mrrAt5);
    }
}
