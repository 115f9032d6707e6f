package routes.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PollBudgetTest {

    @Test
    void aPollsWorthOfQuestionsMustFitTheConsumersPollInterval() {
        // the defaults: 3 questions of at most 90 s each within Kafka's 5 minutes
        assertThat(PollBudget.problem(3, 90_000, 300_000)).isNull();
        // the old default of 50 per poll would not
        assertThat(PollBudget.problem(50, 90_000, 300_000)).contains("rtfm.answer.max-poll-records (50)")
                .contains("max.poll.interval.ms (300000)");
    }
}
