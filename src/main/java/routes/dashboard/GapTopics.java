package routes.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Knowledge gaps grouped by meaning: questions taken oldest first, each joins the topic whose
 * centroid is most similar to it (cosine, at least the threshold), or starts a new one. Sorted
 * before grouping, so the same questions always make the same topics, in whatever order the
 * database returned them. Topics come largest first, then most recently asked.
 */
public final class GapTopics {

    public record Question(String queryId, String text, long askedAtMs, float[] vector) {
    }

    public record Topic(List<Question> questions, long lastAskedMs) {
        public int size() {
            return questions.size();
        }

        /** The newest three. */
        public List<Question> examples() {
            return questions.stream().sorted(Comparator.comparingLong(Question::askedAtMs).reversed()).limit(3).toList();
        }
    }

    private GapTopics() {
    }

    public static List<Topic> group(List<Question> questions, double threshold) {
        List<Question> ordered = new ArrayList<>(questions);
        ordered.sort(Comparator.comparingLong(Question::askedAtMs).thenComparing(Question::queryId));
        List<List<Question>> members = new ArrayList<>();
        List<double[]> sums = new ArrayList<>();
        for (Question question : ordered) {
            int best = -1;
            double bestSimilarity = threshold;
            for (int t = 0; t < sums.size(); t++) {
                double similarity = cosine(sums.get(t), question.vector());
                if (similarity >= bestSimilarity) {
                    best = t;
                    bestSimilarity = similarity;
                }
            }
            if (best < 0) {
                members.add(new ArrayList<>());
                sums.add(new double[question.vector().length]);
                best = members.size() - 1;
            }
            members.get(best).add(question);
            double[] sum = sums.get(best);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += question.vector()[i];
            }
        }
        List<Topic> topics = new ArrayList<>();
        for (List<Question> topic : members) {
            topics.add(new Topic(topic, topic.stream().mapToLong(Question::askedAtMs).max().orElse(0)));
        }
        topics.sort(Comparator.comparingInt(Topic::size).reversed().thenComparing(Comparator.comparingLong(Topic::lastAskedMs).reversed()));
        return topics;
    }

    /** The cosine of a centroid (a sum of vectors: its direction is the mean's) and a vector. */
    static double cosine(double[] sum, float[] vector) {
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < sum.length; i++) {
            dot += sum[i] * vector[i];
            a += sum[i] * sum[i];
            b += vector[i] * vector[i];
        }
        return a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
    }
}
