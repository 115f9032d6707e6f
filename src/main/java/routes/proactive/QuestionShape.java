package routes.proactive;

import java.util.regex.Pattern;

/**
 * Whether a message reads as a question, by its text alone, for proactive answers: a question mark
 * in its words, or an interrogative opening ("how", "why", "is there", "can I", "does anyone" ...),
 * in English to start. Code, links and mentions are not words here: a "?" in a URL's query or in a
 * pasted stack trace asks nothing. Deliberately narrow, since a wrong answer nobody asked for is
 * worse than none: fewer than {@link #MIN_WORDS} words is never a question.
 */
public final class QuestionShape {

    /** "how?" or "any ideas?" alone say too little to search for. */
    public static final int MIN_WORDS = 4;

    private static final Pattern CODE = Pattern.compile("```.*?(```|$)|`[^`]*`", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://\\S+");
    private static final Pattern MENTION = Pattern.compile("<(@[!&]?|#|a?:\\w+:)\\d+>");
    private static final Pattern OPENING = Pattern.compile("(?i)^(how|why|what|when|where|which|who|whose|"
            + "is (there|it|this|that|anyone)|are (there|you|we)|am i|"
            + "(can|could|should|would|will|shall) (i|you|we|someone|anyone|it|this|that)|"
            + "(do|does|did|has|have) (i|you|we|anyone|anybody|someone|it|this|that)|"
            + "anyone (know|have|tried|else)|any (idea|ideas|way|chance|suggestions?|tips?))\\b");
    private static final Pattern GREETING = Pattern.compile("(?i)^(hi|hey|hello|hiya|yo|greetings)\\b[\\s,!.]*(all|everyone|folks|guys|team|there)?[\\s,!.]*");

    private QuestionShape() {
    }

    public static boolean looksLikeQuestion(String content) {
        if (content == null) {
            return false;
        }
        String words = MENTION.matcher(LINK.matcher(CODE.matcher(content).replaceAll(" ")).replaceAll(" ")).replaceAll(" ").strip();
        if (words.split("\\s+").length < MIN_WORDS) {
            return false;
        }
        if (words.contains("?")) {
            return true;
        }
        // "Hi all, how do I ..." opens with its greeting, not its question
        String opening = GREETING.matcher(words).replaceFirst("").strip();
        return OPENING.matcher(opening).find();
    }
}
