package routes.answer;

import java.util.List;

/** The words of the answers that are not Gemini's: the sources given as the answer, and what was withheld. */
final class AnswerText {

    /** How much of the question a source answered its quoted line keeps. */
    static final int QUESTION_LINE_CHARS = 120;

    private AnswerText() {
    }

    /** The sources as an answer, best first; under each that replies to a question, that question on one line. */
    static String sourcesList(String intro, List<Candidate> candidates, int excerptChars) {
        StringBuilder text = new StringBuilder(intro);
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            text.append("\n[").append(i + 1).append("] ")
                    .append(c.author() == null ? "someone" : c.author())
                    .append(c.channelName() == null ? "" : " in #" + c.channelName())
                    .append(": ").append(c.toSource(excerptChars).excerpt());
            // the answer first, then the question it answered, so a reader sees the exchange
            String answering = c.answering(QUESTION_LINE_CHARS);
            if (answering != null) {
                text.append("\n    (answering: \"").append(answering).append("\")");
            }
        }
        return text.toString();
    }

    static String withheldNotice(int withheld) {
        return withheld == 1
                ? "1 more relevant message is in a channel not everyone here can read; use /ask private:true to see it."
                : withheld + " more relevant messages are in channels not everyone here can read; use /ask private:true to see them.";
    }
}
