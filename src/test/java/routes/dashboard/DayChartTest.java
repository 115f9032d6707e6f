package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DayChartTest {

    @Test
    void barsAreStackedByOutcomeAndScaledToTheBusiestDay() {
        // three days (98..100); the busiest, day 100, has 4 questions and takes the whole 160 px
        DayChart.Chart chart = DayChart.draw(Map.of(98L, Map.of("generated", 2), 100L, Map.of("no_match", 1, "generated", 3)), 100, 3);
        assertThat(chart.width()).isEqualTo(60);
        assertThat(chart.busiest()).isEqualTo(4);
        assertThat(chart.bars()).containsExactly(
                new DayChart.Bar(0, 80, 80, "generated", "1970-04-09: 2 generated"),
                new DayChart.Bar(40, 40, 120, "generated", "1970-04-11: 3 generated"),
                new DayChart.Bar(40, 0, 40, "no_match", "1970-04-11: 1 no_match"));
        assertThat(chart.firstDay()).isEqualTo("1970-04-09");
    }

    @Test
    void noQuestionsDrawNoBars() {
        assertThat(DayChart.draw(Map.of(), 100, 30).bars()).isEmpty();
    }
}
