package routes.bench;

import java.util.List;

/** The p-th percentile of sorted figures, nearest rank: the one rule every bench figure uses. */
final class Percentile {

    private Percentile() {
    }

    static long of(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
