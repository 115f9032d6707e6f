package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuestionFilterTest {

    @Test
    void everyFilterIsTakenAndGivenBackForTheNextPage() {
        QuestionFilter filter = QuestionFilter.parse(Map.of("outcome", "no_match", "vote", "down", "channel", "123", "from", "2026-11-01",
                "to", "2026-11-30", "q", "dark mode", "page", "3"));
        assertThat(filter.page()).isEqualTo(3);
        // 2026-11-01T00:00Z and 2026-12-01T00:00Z: the end day is included
        assertThat(filter.fromMs()).isEqualTo(1_793_491_200_000L);
        assertThat(filter.untilMs()).isEqualTo(1_796_083_200_000L);
        assertThat(filter.asParameters()).containsExactly(Map.entry("outcome", "no_match"), Map.entry("vote", "down"),
                Map.entry("channel", "123"), Map.entry("from", "2026-11-01"), Map.entry("to", "2026-11-30"), Map.entry("q", "dark mode"));
    }

    @Test
    void nothingGivenMeansEverythingFromPageOne() {
        QuestionFilter filter = QuestionFilter.parse(Map.of("outcome", "", "q", "  "));
        assertThat(filter).isEqualTo(new QuestionFilter(null, null, null, null, null, null, 1));
    }

    @Test
    void aBadParameterIsNamed() {
        for (var bad : Map.of("outcome", "great", "vote", "maybe", "channel", "1 OR 1=1", "from", "yesterday", "to", "2026-13-01", "page", "0")
                .entrySet()) {
            assertThatThrownBy(() -> QuestionFilter.parse(Map.of(bad.getKey(), bad.getValue())))
                    .isInstanceOfSatisfying(DashboardException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageStartingWith("Bad parameter '" + bad.getKey() + "'");
        }
        assertThatThrownBy(() -> QuestionFilter.parse(Map.of("from", "2026-11-02", "to", "2026-11-01"))).hasMessageContaining("'to'");
        assertThatThrownBy(() -> QuestionFilter.parse(Map.of("q", "x".repeat(201)))).hasMessageContaining("'q'");
        assertThat(QuestionFilter.parse(Map.of("to", "2026-11-01")).to()).isEqualTo(LocalDate.of(2026, 11, 1));
    }
}
