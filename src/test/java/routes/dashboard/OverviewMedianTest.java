package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OverviewMedianTest {

    @Test
    void theMedianIsTheMiddleOfTheStepHoldingTheMiddleLatency() {
        // latencies 40, 130 and 520 ms: steps 0, 1 and 5; the middle one, 130 ms, is in 100..199 ms
        assertThat(LatencySteps.median(new TreeMap<>(java.util.Map.of(0L, 1, 1L, 1, 5L, 1)))).isEqualTo(150.0);
        // four latencies, two in step 2 and two in step 9: the lower middle's step
        assertThat(LatencySteps.median(new TreeMap<>(java.util.Map.of(2L, 2, 9L, 2)))).isEqualTo(250.0);
        assertThat(LatencySteps.median(new TreeMap<>())).isNull();
    }
}
