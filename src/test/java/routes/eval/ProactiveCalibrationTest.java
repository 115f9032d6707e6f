package routes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import routes.eval.ProactiveCalibration.Point;

class ProactiveCalibrationTest {

    /** n questions at this score, the first `right` of them with a right first source. */
    private static List<Point> at(double score, int n, int right) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new Point(score, i < right));
        }
        return points;
    }

    private static ProactiveCalibration of(List<List<Point>> groups) {
        return new ProactiveCalibration(groups.stream().flatMap(List::stream).toList());
    }

    @Test
    void coverageAndPrecisionCountTheQuestionsAtOrAboveTheThreshold() {
        ProactiveCalibration set = new ProactiveCalibration(List.of(new Point(0.9, true), new Point(0.8, true), new Point(0.7, false),
                new Point(0.6, false), new Point(0.5, true)));
        // at 0.7: 0.9, 0.8 and 0.7 are answered (3 of 5), two of them right
        assertThat(set.coverage(0.7)).isEqualTo(0.6);
        assertThat(set.precision(0.7)).isEqualTo(2 / 3.0);
        assertThat(set.coverage(0.95)).isZero();
        assertThat(set.precision(0.95)).isNaN();
    }

    @Test
    void theThresholdIsWhereTheFittedCurveReachesTheTargetProbability() {
        // two scores only: the maximum-likelihood curve passes through their rates, 1 in 5 right at 0 and 4 in 5 at 1,
        // so a = ln(0.2/0.8) = -ln 4 and a + b = ln 4: P = 0.8 at score 1, P = 0.5 halfway
        ProactiveCalibration set = of(List.of(at(0, 5, 1), at(1, 5, 4)));
        assertThat(set.thresholdFor(0.8)).isCloseTo(1.0, within(1e-6));
        assertThat(set.thresholdFor(0.5)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void noThresholdWhenTheScoreSaysNothingOrEverythingOnTheSet() {
        // every low score wrong and every high one right: the curve has no finite slope
        assertThat(of(List.of(at(0.2, 3, 0), at(0.9, 3, 3))).thresholdFor(0.8)).isNaN();
        // rightness falling as the score rises: no score makes an answer likelier
        assertThat(of(List.of(at(0.2, 5, 4), at(0.9, 5, 1))).thresholdFor(0.8)).isNaN();
        assertThat(new ProactiveCalibration(List.of()).thresholdFor(0.8)).isNaN();
    }

    @Test
    void leaveOneOutJudgesEachQuestionAtAThresholdFittedWithoutIt() {
        // without a right question at 1, the rest is 3 in 4 there (under 0.8); without a wrong one, 4 in 4 (no finite curve);
        // without a question at 0, the curve reaches 0.8 at 1, above the held-out score: nothing is answered
        double[] judged = of(List.of(at(0, 5, 1), at(1, 5, 4))).crossValidated(0.8);
        assertThat(judged[0]).isZero();
        assertThat(judged[1]).isNaN();
        // 1 in 10 right at 0, 9 in 10 at 1: held out, each right question at 1 leaves 8 in 9 there (above 0.8), so it is
        // answered; the wrong one leaves 9 in 9 (no finite curve), so it is not; none at 0 is: 9 answered of 20, all right
        double[] apart = of(List.of(at(0, 10, 1), at(1, 10, 9))).crossValidated(0.8);
        assertThat(apart[0]).isEqualTo(9 / 20.0);
        assertThat(apart[1]).isEqualTo(1.0);
    }

    @Test
    void theBandsSayHowOftenTheFirstSourceIsRightByScore() {
        ProactiveCalibration set = new ProactiveCalibration(List.of(new Point(1.02, true), new Point(1.04, true), new Point(0.91, false),
                new Point(0.93, true)));
        assertThat(set.bands(0.05)).containsExactly(
                "  score 1.00-1.05:  2 questions, first source right in  2 (1.00)",
                "  score 0.90-0.95:  2 questions, first source right in  1 (0.50)");
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aScoreOnABandsEdgeFallsInThatBand() {
        // 0.85 / 0.05 rounds to 17, and 17 * 0.05 is a hair above 0.85: the second set of questions had such a score,
        // and comparing with the band's edge left it in no band, the report adding empty bands until the heap ran out
        ProactiveCalibration set = new ProactiveCalibration(List.of(new Point(0.85, true), new Point(0.86, false), new Point(0.8, true)));
        assertThat(set.bands(0.05)).containsExactly(
                "  score 0.85-0.90:  2 questions, first source right in  1 (0.50)",
                "  score 0.80-0.85:  1 questions, first source right in  1 (1.00)");
    }
}
