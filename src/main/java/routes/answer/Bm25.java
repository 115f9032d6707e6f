package routes.answer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Okapi BM25 of one query against a small set of texts, with document frequencies from that set. */
final class Bm25 {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "get", "has", "have", "how",
            "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "so", "that", "the", "there", "this", "to",
            "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your", "any", "way", "use",
            "using", "there's", "it's", "im", "i'm", "not", "no", "yes", "one", "some", "than", "then", "into", "about");

    private Bm25() {
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String token = matcher.group();
            if (token.length() > 1 && !STOP_WORDS.contains(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    static double[] scores(String query, List<String> texts) {
        int n = texts.size();
        double[] scores = new double[n];
        if (n == 0) {
            return scores;
        }
        List<Map<String, Integer>> frequencies = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        double totalLength = 0;
        for (String text : texts) {
            Map<String, Integer> tf = new HashMap<>();
            List<String> tokens = tokens(text);
            tokens.forEach(t -> tf.merge(t, 1, Integer::sum));
            tf.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            frequencies.add(tf);
            totalLength += tokens.size();
        }
        double averageLength = Math.max(1, totalLength / n);
        for (String term : new HashSet<>(tokens(query))) {
            int df = documentFrequency.getOrDefault(term, 0);
            if (df == 0) {
                continue;
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            for (int i = 0; i < n; i++) {
                int tf = frequencies.get(i).getOrDefault(term, 0);
                if (tf > 0) {
                    double length = frequencies.get(i).values().stream().mapToInt(Integer::intValue).sum();
                    scores[i] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / averageLength));
                }
            }
        }
        return scores;
    }
}
