package routes.eval;

import java.util.List;

/** One evaluation question and the ids of the messages that answer it. */
public record EvalQuestion(String question, List<String> expectedMessageIds) {

    public EvalQuestion {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("every question needs a non-empty 'question'");
        }
        if (expectedMessageIds == null || expectedMessageIds.isEmpty()) {
            throw new IllegalArgumentException("question '" + question + "' needs at least one expected_message_ids entry");
        }
    }
}
