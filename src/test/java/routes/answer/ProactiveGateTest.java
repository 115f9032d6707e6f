package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;

class ProactiveGateTest {

    private final ProactiveGate gate = new ProactiveGate(0.97);

    private static BotQuery query(boolean proactive) {
        Map<String, Object> context = proactive ? Map.of(BotQuery.ORIGIN, "discord", BotQuery.TRIGGER, BotQuery.PROACTIVE)
                : Map.of(BotQuery.ORIGIN, "discord");
        return new BotQuery("q1", "m1", "how do I persist an index?", "ana", "7", "c1", "2025-11-02T12:34:56Z", context, 1, "g1", null, null);
    }

    private static Candidate scored(double score) {
        return new Candidate("5", "c1", "help", "bo", null, null, 0.6, "call storage_context.persist()", null, score);
    }

    @Test
    void aProactiveQuestionIsHeldBackUnlessItsFirstSourceScoresTheMinimum() {
        assertThat(gate.holdsBack(query(true), List.of(scored(0.969), scored(0.5)))).isTrue();
        assertThat(gate.holdsBack(query(true), List.of(scored(0.97)))).isFalse();
        assertThat(gate.holdsBack(query(true), List.of(scored(1.04), scored(0.99)))).isFalse();
        assertThat(gate.holdsBack(query(true), List.of())).isTrue();
    }

    @Test
    void aQuestionSomeoneAskedIsNeverHeldBack() {
        assertThat(gate.holdsBack(query(false), List.of(scored(0.2)))).isFalse();
        assertThat(gate.holdsBack(query(false), List.of())).isFalse();
    }
}
