package routes.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How far the ranking's score for its first source (an answer's rank_score) can be trusted to
 * answer unasked: for an evaluation set, each question's first-source score and whether that
 * source is an expected answer. A proactive answer is posted only at or above a threshold
 * (rtfm.autoanswer.min-confidence); this says what share of questions that answers (coverage) and
 * how often its first source is right there (precision@1), and the score at which the first source
 * is right with the target probability, by a logistic curve fitted to the set.
 */
public record ProactiveCalibration(List<Point> points) {

    /** How likely right an unsolicited answer's first source must be: a wrong answer nobody asked for is worse than none. */
    public static final double TARGET_PRECISION = 0.8;

    /** One question: the first source's score, and whether the first source is an expected answer. */
    public record Point(double score, boolean right) {
    }

    /** The share of questions whose first source scores at least the threshold. */
    public double coverage(double threshold) {
        return points.isEmpty() ? 0 : answered(threshold).size() / (double) points.size();
    }

    /** Among those, the share whose first source is right; NaN when none is answered. */
    public double precision(double threshold) {
        List<Point> answered = answered(threshold);
        return answered.isEmpty() ? Double.NaN : answered.stream().filter(Point::right).count() / (double) answered.size();
    }

    /**
     * The score at which the first source is right with probability {@code target}, by the
     * logistic curve fitted to this set (P(right) = 1 / (1 + e^-(a + b·score)), maximum likelihood):
     * every question answered there or above is at least that likely right. NaN when the score
     * does not rise with rightness on this set, or the set is empty.
     */
    public double thresholdFor(double target) {
        double[] curve = logisticFit();
        return curve == null || curve[1] <= 0 ? Double.NaN : (Math.log(target / (1 - target)) - curve[0]) / curve[1];
    }

    /** {a, b} by Newton-Raphson on the log-likelihood; null when it has no finite maximum (no points, or no spread). */
    double[] logisticFit() {
        double a = 0;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (Point point : points) {
                double p = 1 / (1 + Math.exp(-(a + b * point.score())));
                double error = (point.right() ? 1 : 0) - p;
                double weight = p * (1 - p);
                ga += error;
                gb += error * point.score();
                haa += weight;
                hab += weight * point.score();
                hbb += weight * point.score() * point.score();
            }
            double determinant = haa * hbb - hab * hab;
            if (determinant <= 1e-12) {
                return null;
            }
            double da = (hbb * ga - hab * gb) / determinant;
            double db = (haa * gb - hab * ga) / determinant;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                return new double[] {a, b};
            }
        }
        // separable data: the likelihood has no maximum, the curve no finite slope
        return null;
    }

    /**
     * Leave-one-out: each question is judged at the threshold fitted on the others. Returns
     * {coverage, precision@1} of those judgements, so the fitted threshold's figures are not its own fit.
     */
    public double[] crossValidated(double targetPrecision) {
        int answered = 0;
        int right = 0;
        for (int i = 0; i < points.size(); i++) {
            List<Point> others = new ArrayList<>(points);
            Point held = others.remove(i);
            double threshold = new ProactiveCalibration(others).thresholdFor(targetPrecision);
            if (!Double.isNaN(threshold) && held.score() >= threshold) {
                answered++;
                right += held.right() ? 1 : 0;
            }
        }
        return new double[] {points.isEmpty() ? 0 : answered / (double) points.size(), answered == 0 ? Double.NaN : right / (double) answered};
    }

    /** The calibration itself: questions and share right in bands of the score, highest first. */
    public List<String> bands(double width) {
        List<String> rows = new ArrayList<>();
        List<Point> sorted = byScoreDescending();
        int i = 0;
        while (i < sorted.size()) {
            // Bands are compared by index, not by their lower edge: 0.85 / 0.05 * 0.05 is 0.8500000000000001,
            // above 0.85 itself, and an edge compare would leave that question in no band at all.
            long band = band(sorted.get(i).score(), width);
            int count = 0;
            int right = 0;
            while (i < sorted.size() && band(sorted.get(i).score(), width) == band) {
                count++;
                right += sorted.get(i).right() ? 1 : 0;
                i++;
            }
            rows.add(String.format(Locale.ROOT, "  score %.2f-%.2f: %2d questions, first source right in %2d (%.2f)",
                    band * width, (band + 1) * width, count, right, right / (double) count));
        }
        return rows;
    }

    private static long band(double score, double width) {
        return (long) Math.floor(score / width);
    }

    /** `eval --proactive`: the figures at the given threshold, the fitted threshold for {@link #TARGET_PRECISION} and its cross-validation, the bands. */
    public List<String> report(double threshold) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "proactive at min-confidence %.3f: coverage %.3f (%d of %d), precision@1 %.3f",
                threshold, coverage(threshold), answered(threshold).size(), points.size(), precision(threshold)));
        double fitted = thresholdFor(TARGET_PRECISION);
        double[] loo = crossValidated(TARGET_PRECISION);
        lines.add(String.format(Locale.ROOT, "score at which the first source is right with probability %.1f (logistic fit on this set): "
                + "%.3f, coverage %.3f, precision@1 %.3f; leave-one-out (each question judged at the threshold fitted on the others): "
                + "coverage %.3f, precision@1 %.3f", TARGET_PRECISION, fitted, coverage(fitted), precision(fitted), loo[0], loo[1]));
        lines.add("first source right, by its score:");
        lines.addAll(bands(0.05));
        return lines;
    }

    private List<Point> answered(double threshold) {
        return points.stream().filter(p -> p.score() >= threshold).toList();
    }

    private List<Point> byScoreDescending() {
        return points.stream().sorted(Comparator.comparingDouble(Point::score).reversed()).toList();
    }
}
