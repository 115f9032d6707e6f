package routes.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import routes.chroma.SearchScope;
import routes.schema.BotQuery;
import routes.schema.WireFormat;

/**
 * Ranks the candidate pool the way help channels work: the message most like a new question is
 * usually somebody's earlier question, and its answer is a reply to it by another member. So an
 * answer to one of the best few root messages takes its question's relevance plus a small bonus,
 * and ranks just above it; an answer not in the pool is fetched (one Chroma query among the replies
 * of those roots, within the same guild and visible channels as the search itself). A message that continues another (a reply, a
 * message in a thread) is never redirected: such parents are often the answer themselves. A question
 * no reply answers takes instead what other members posted just after it, if the pool holds that
 * ({@link FollowerLinks}). Then the best {@code maxSources} are kept.
 */
public class AnswerRanker {

    private static final Pattern ACKNOWLEDGEMENT = Pattern.compile(
            "^(thanks?( you)?|thx|ty|tysm|\\+1|that worked|it worked|works( now)?|got it|awesome|great|perfect|nice|cool|ok(ay)?)\\b.*");
    /** Between two answers of one question, by their own score, and between an answer and its question. */
    private static final double STEP = 0.001;
    private static final int MAX_ANSWERS_FETCHED = 20;
    /** What a thank-you loses: more than any bonus, so it never outranks a message with content as close. */
    static final double ACKNOWLEDGEMENT_PENALTY = 0.1;

    private final int maxSources;
    private final boolean answerLinks;
    private final int roots;
    private final double bonus;
    private final double solutionBonus;
    private final int followWindow;
    private FollowerLinks followers;
    private HelperRecord helpers = new HelperRecord();
    private double helperWeight;
    /** A mark is a person's word on one question: it lifts a message among the close ones, never over a clearly better one. */
    static final double MAX_SOLUTION_BONUS = 0.2;

    /**
     * @param answerLinks rtfm.retrieval.answer-links: false keeps the pool's own order (the ranking before this one)
     * @param roots       rtfm.retrieval.answer-roots: how many of the best root messages have their answers looked up
     * @param bonus       rtfm.retrieval.answer-bonus: what an answer gets above the question it answers
     */
    public AnswerRanker(int maxSources, boolean answerLinks, int roots, double bonus) {
        this(maxSources, answerLinks, roots, bonus, 0);
    }

    /** @param solutionBonus rtfm.retrieval.solution-bonus: what a message a member marked as the solution gets, at most 0.2 */
    public AnswerRanker(int maxSources, boolean answerLinks, int roots, double bonus, double solutionBonus) {
        this(maxSources, answerLinks, roots, bonus, solutionBonus, 0);
    }

    /** @param followWindow rtfm.retrieval.follow-window: minutes after an unanswered question in which others' messages in the pool answer it; 0 off */
    public AnswerRanker(int maxSources, boolean answerLinks, int roots, double bonus, double solutionBonus, int followWindow) {
        this.followWindow = followWindow;
        this.followers = new FollowerLinks(followWindow);
        if (solutionBonus < 0 || solutionBonus > MAX_SOLUTION_BONUS) {
            throw new IllegalArgumentException("rtfm.retrieval.solution-bonus must lie in [0, " + MAX_SOLUTION_BONUS + "], got " + solutionBonus);
        }
        this.solutionBonus = solutionBonus;
        if (maxSources < 1) {
            throw new IllegalArgumentException("rtfm.retrieval.max-sources must be at least 1, got " + maxSources);
        }
        if (roots < 0 || bonus < 0) {
            throw new IllegalArgumentException("rtfm.retrieval.answer-roots and answer-bonus must not be negative");
        }
        this.maxSources = maxSources;
        this.answerLinks = answerLinks;
        this.roots = roots;
        this.bonus = bonus;
    }

    /** @param minutes rtfm.retrieval.mention-window: how long after an unanswered question a message that @mentions its asker answers it; 0 off */
    public AnswerRanker mentionWindow(int minutes) {
        this.followers = new FollowerLinks(followWindow, minutes);
        return this;
    }

    /**
     * @param weight rtfm.retrieval.helper-weight: what a message of the guild's most frequent helper gets, others by their
     *               {@link HelperRecord#factor}; 0 off
     */
    public AnswerRanker helpers(HelperRecord record, double weight) {
        if (weight < 0 || weight > MAX_SOLUTION_BONUS) {
            throw new IllegalArgumentException("rtfm.retrieval.helper-weight must lie in [0, " + MAX_SOLUTION_BONUS + "], got " + weight);
        }
        this.helpers = record;
        this.helperWeight = weight;
        return this;
    }

    /** The Chroma query for the answers of the best root messages of the pool; null when there is none to look up. */
    public String answersLookup(@Variable("candidates") List<Candidate> candidates, @Variable("query") BotQuery query,
                                @Variable("vector") float[] vector) {
        List<String> rootIds = roots(candidates).stream().map(Candidate::messageId).toList();
        return rootIds.isEmpty() ? null : SearchScope.continuations(query, vector, rootIds, MAX_ANSWERS_FETCHED);
    }

    /** The ranking of a question from no guild (tests): no helper record counts. */
    List<Candidate> rank(String found, List<Candidate> candidates) throws JsonProcessingException {
        return rank(found, candidates, null);
    }

    /**
     * @param found      Chroma's answer to {@link #answersLookup} (null when nothing was looked up)
     * @param candidates the pool, best first
     * @param query      the question, whose guild's helper record counts
     */
    public List<Candidate> rank(@Body String found, @Variable("candidates") List<Candidate> candidates, @Variable("query") BotQuery query)
            throws JsonProcessingException {
        Map<String, Candidate> ranked = new LinkedHashMap<>();
        candidates.forEach(candidate -> ranked.put(candidate.messageId(), candidate));
        if (found != null) {
            List<Candidate> fetched = fetched(found, ranked);
            List<Candidate> roots = roots(candidates);
            Map<String, List<Candidate>> followed = followers.of(roots, candidates);
            for (Candidate root : roots) {
                List<Candidate> answers = fetched.stream()
                        .filter(answer -> root.messageId().equals(answer.parentId()) && answers(answer, root))
                        .sorted(Comparator.comparingDouble(Candidate::score).reversed()).toList();
                // only a question nobody replied to is answered by what simply followed it, if the search found that too
                List<Candidate> linked = answers.isEmpty() ? followed.getOrDefault(root.messageId(), List.of()) : answers;
                for (int i = 0; i < linked.size(); i++) {
                    Candidate answer = linked.get(i);
                    double inherited = Math.max(answer.score(), root.score() + bonus) - i * STEP;
                    Candidate current = ranked.get(answer.messageId());
                    if (current == null || current.score() < inherited) {
                        ranked.put(answer.messageId(), answer.withScore(inherited));
                    }
                }
            }
        }
        List<Candidate> best = new ArrayList<>();
        // a thank-you is near every question it followed, and answers none of them; a marked solution is what its asker chose;
        // the guild's regular helpers wrote most of its answers
        String guild = query == null ? null : query.guildId();
        for (Candidate candidate : ranked.values()) {
            boolean thanks = answerLinks && isAcknowledgement(candidate.text());
            double helped = answerLinks && helperWeight > 0 ? helperWeight * helpers.factor(guild, candidate.authorId()) : 0;
            double adjusted = candidate.score() - (thanks ? ACKNOWLEDGEMENT_PENALTY : 0) + (candidate.solution() ? solutionBonus : 0) + helped;
            best.add(adjusted == candidate.score() ? candidate : candidate.withScore(adjusted));
        }
        // best first; among equals, a marked solution first
        best.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::solution, Comparator.reverseOrder()));
        return best.size() > maxSources ? List.copyOf(best.subList(0, maxSources)) : best;
    }

    /** The best root messages of the pool: those that continue no other message, whose answers are worth looking up. */
    List<Candidate> roots(List<Candidate> candidates) {
        if (!answerLinks) {
            return List.of();
        }
        return candidates.stream().filter(c -> !c.continuesAnother()).limit(roots).toList();
    }

    /** Whether a reply answers its question: another member's, and more than a thank-you. */
    static boolean answers(Candidate reply, Candidate question) {
        boolean otherMember = reply.authorId() == null || !reply.authorId().equals(question.authorId());
        return otherMember && !isAcknowledgement(reply.text());
    }

    static boolean isAcknowledgement(String text) {
        String plain = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return plain.isEmpty() || plain.split("\\s+").length <= 6 && ACKNOWLEDGEMENT.matcher(plain).matches();
    }

    /** The fetched messages, each as the pool has it or scored by its own similarity. */
    private static List<Candidate> fetched(String found, Map<String, Candidate> pool) throws JsonProcessingException {
        JsonNode result = WireFormat.mapper().readTree(found);
        JsonNode ids = result.path("ids").path(0);
        List<Candidate> fetched = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.path(i).asText();
            Candidate answer = pool.get(id);
            if (answer == null) {
                // cosine space: similarity = 1 - distance
                answer = CandidateSelector.candidate(id, result.path("documents").path(0).path(i).asText(""),
                        result.path("metadatas").path(0).path(i), 1.0 - result.path("distances").path(0).path(i).asDouble(1.0));
            }
            fetched.add(answer);
        }
        return fetched;
    }
}
