package routes.questionlog;

import java.util.List;
import java.util.Map;

/**
 * What one record changes in the question log: its kind (question, answer, vote, forget_user,
 * forget_channel) says which statements of sql/ record-answers runs, with these named parameters;
 * an answer also carries one parameter set per cited message.
 */
public record LogRow(String kind, Map<String, Object> params, List<Map<String, Object>> sources) {

    public static final String QUESTION = "question";
    public static final String ANSWER = "answer";
    public static final String VOTE = "vote";
    public static final String FORGET_USER = "forget_user";
    public static final String FORGET_CHANNEL = "forget_channel";
}
