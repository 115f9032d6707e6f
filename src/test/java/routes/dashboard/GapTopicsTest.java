package routes.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapTopicsTest {

    // two directions at right angles: cosine 1 within a subject, 0 across
    private static final float[] KEYS = {1, 0, 0};
    private static final float[] KEYS_TOO = {0.9f, 0.1f, 0};
    private static final float[] CALENDAR = {0, 0, 1};

    private static GapTopics.Question q(String id, long at, float[] vector) {
        return new GapTopics.Question(id, "question " + id, at, vector);
    }

    @Test
    void similarQuestionsMakeOneTopicLargestFirst() {
        List<GapTopics.Topic> topics = GapTopics.group(List.of(q("a", 1, KEYS), q("cal", 2, CALENDAR), q("b", 3, KEYS_TOO), q("c", 4, KEYS)), 0.8);
        assertThat(topics).hasSize(2);
        assertThat(topics.get(0).questions()).extracting(GapTopics.Question::queryId).containsExactly("a", "b", "c");
        assertThat(topics.get(0).lastAskedMs()).isEqualTo(4);
        assertThat(topics.get(0).examples()).extracting(GapTopics.Question::queryId).containsExactly("c", "b", "a");
        assertThat(topics.get(1).questions()).extracting(GapTopics.Question::queryId).containsExactly("cal");
    }

    @Test
    void belowTheThresholdEachQuestionIsItsOwnTopic() {
        // cosine of KEYS and KEYS_TOO is 0.9 / sqrt(0.82) = 0.994: apart only above that
        assertThat(GapTopics.group(List.of(q("a", 1, KEYS), q("b", 2, KEYS_TOO)), 0.995)).hasSize(2);
        assertThat(GapTopics.group(List.of(q("a", 1, KEYS), q("b", 2, KEYS_TOO)), 0.99)).hasSize(1);
    }

    @Test
    void theSameQuestionsMakeTheSameTopicsInAnyOrder() {
        List<GapTopics.Question> questions = new ArrayList<>(List.of(q("a", 1, KEYS), q("cal", 2, CALENDAR), q("b", 3, KEYS_TOO),
                q("d", 5, new float[] {0.5f, 0, 0.5f}), q("c", 4, KEYS)));
        List<List<String>> first = ids(GapTopics.group(questions, 0.6));
        Collections.reverse(questions);
        assertThat(ids(GapTopics.group(questions, 0.6))).isEqualTo(first);
        // d, asked last: cosine to the calendar topic 0.5 / sqrt(0.5) = 0.7071, to the keys centroid (2.9, 0.1, 0)
        // 1.45 / (sqrt(0.5) * sqrt(8.42)) = 0.7067: the calendar's
        assertThat(first).containsExactly(List.of("a", "b", "c"), List.of("cal", "d"));
    }

    @Test
    void tiesInSizeGoToTheMostRecentlyAsked() {
        List<GapTopics.Topic> topics = GapTopics.group(List.of(q("old", 1, KEYS), q("new", 9, CALENDAR)), 0.8);
        assertThat(ids(topics)).containsExactly(List.of("new"), List.of("old"));
    }

    private static List<List<String>> ids(List<GapTopics.Topic> topics) {
        return topics.stream().map(t -> t.questions().stream().map(GapTopics.Question::queryId).toList()).toList();
    }
}
