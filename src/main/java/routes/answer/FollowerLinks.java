package routes.answer;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import routes.proactive.QuestionShape;

/**
 * The answer links besides a reply, for a question nobody replied to, both taken from the search's own
 * pool, never fetched (fetching every later message measured slower and less precise,
 * docs/RETRIEVAL.md). First, a later message in its channel by another member that @mentions the
 * asker, within {@code rtfm.retrieval.mention-window} minutes: an answer addressed to them. Failing
 * that, the messages other members posted in its channel just after it, within
 * {@code rtfm.retrieval.follow-window} minutes, with no other looked-up question asked between: in a
 * help channel those are often its answer, written without the reply button. A message that reads as a
 * question, or is a thank-you, is never an answer.
 */
final class FollowerLinks {

    /** How many of a question's followers can be linked to it: the first few, as a conversation goes on. */
    static final int MAX_FOLLOWERS = 3;

    private final long windowSeconds;
    private final long mentionSeconds;

    FollowerLinks(int windowMinutes) {
        this(windowMinutes, 0);
    }

    FollowerLinks(int windowMinutes, int mentionMinutes) {
        if (windowMinutes < 0 || mentionMinutes < 0) {
            throw new IllegalArgumentException("rtfm.retrieval.follow-window and mention-window must not be negative, got "
                    + windowMinutes + " and " + mentionMinutes);
        }
        this.windowSeconds = windowMinutes * 60L;
        this.mentionSeconds = mentionMinutes * 60L;
    }

    /**
     * For each root, the messages of the pool linked to it: in its channel, by another member, continuing no message,
     * more than a thank-you, not a question; those that mention its author within the mention window first, then those
     * within the follow window with no other looked-up question asked between; earliest first, at most
     * {@link #MAX_FOLLOWERS}. Each message's time and shape are read once.
     */
    Map<String, List<Candidate>> of(List<Candidate> roots, Collection<Candidate> pool) {
        if (windowSeconds == 0 && mentionSeconds == 0 || roots.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> time = new HashMap<>();
        Map<String, Boolean> asks = new HashMap<>();
        for (Candidate message : pool) {
            Long at = epochSecond(message);
            if (at != null && !message.continuesAnother()) {
                time.put(message.messageId(), at);
                asks.put(message.messageId(), QuestionShape.looksLikeQuestion(message.text()));
            }
        }
        Map<String, List<Candidate>> followers = new HashMap<>();
        for (Candidate root : roots) {
            Long start = time.get(root.messageId());
            if (start == null || root.channelId() == null) {
                continue;
            }
            // the asker's own follow-up, a thank-you, and another member's new question are not answers
            List<Candidate> later = pool.stream()
                    .filter(message -> time.containsKey(message.messageId()) && root.channelId().equals(message.channelId()))
                    .filter(message -> time.get(message.messageId()) > start)
                    .filter(message -> !Objects.equals(message.authorId(), root.authorId()) && !asks.get(message.messageId())
                            && !AnswerRanker.isAcknowledgement(message.text()))
                    .sorted(Comparator.comparing(message -> time.get(message.messageId()))).toList();
            Set<Candidate> linked = new LinkedHashSet<>();
            later.stream().filter(message -> message.mentions(root.authorId()) && time.get(message.messageId()) <= start + mentionSeconds)
                    .forEach(linked::add);
            later.stream().filter(message -> time.get(message.messageId()) <= start + windowSeconds)
                    .filter(message -> roots.stream().noneMatch(other -> other != root && Objects.equals(other.channelId(), root.channelId())
                            && Boolean.TRUE.equals(asks.get(other.messageId())) && time.get(other.messageId()) > start
                            && time.get(other.messageId()) < time.get(message.messageId())))
                    .forEach(linked::add);
            if (!linked.isEmpty()) {
                followers.put(root.messageId(), linked.stream().limit(MAX_FOLLOWERS).toList());
            }
        }
        return followers;
    }

    private static Long epochSecond(Candidate candidate) {
        try {
            return candidate.isoTimestamp() == null ? null : OffsetDateTime.parse(candidate.isoTimestamp()).toEpochSecond();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
