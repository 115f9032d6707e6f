package routes.errors;

/**
 * Kafka drops a consumer from its group when it does not poll for max.poll.interval.ms, and the
 * group then reads the same questions again. A question may take up to the answer deadline, so a
 * poll's worth of them must fit in that interval; checked at start, with what to change.
 */
public final class PollBudget {

    private PollBudget() {
    }

    /** Null when the budget holds, else what is wrong and how to fix it. */
    public static String problem(int questionsPerPoll, long deadlineMs, long maxPollIntervalMs) {
        long worst = questionsPerPoll * deadlineMs;
        if (worst < maxPollIntervalMs) {
            return null;
        }
        return "rtfm.answer.max-poll-records (" + questionsPerPoll + ") x rtfm.answer.deadline-ms (" + deadlineMs + ") = " + worst
                + " ms is not below the Kafka consumer's max.poll.interval.ms (" + maxPollIntervalMs + "): a slow Gemini would make the group"
                + " rebalance and answer questions twice. Lower either, or raise camel.component.kafka.max-poll-interval-ms.";
    }
}
