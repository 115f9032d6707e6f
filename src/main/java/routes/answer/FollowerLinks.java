package routes.answer;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import routes.proactive.QuestionShape;

/**
 * The weakest answer link: when nobody replied to a question, the messages other members posted in
 * its channel just after it, within {@code rtfm.retrieval.follow-window} minutes. In a help channel
 * those are often its answer, written without the reply button. They are taken from the search's own
 * pool, never fetched: only what is already near the new question is linked (fetching every later
 * message measured slower and less precise, docs/RETRIEVAL.md). The link is only taken for a question
 * no reply answers; a message that reads as a question is never an answer, and a message is not
 * counted for a question when another looked-up question was asked between them.
 */
final class FollowerLinks {

    /** How many of a question's followers can be linked to it: the first few, as a conversation goes on. */
    static final int MAX_FOLLOWERS = 3;

    private final long windowSeconds;

    FollowerLinks(int windowMinutes) {
        if (windowMinutes < 0) {
            throw new IllegalArgumentException("rtfm.retrieval.follow-window must not be negative, got " + windowMinutes);
        }
        this.windowSeconds = windowMinutes * 60L;
    }

    boolean on() {
        return windowSeconds > 0;
    }

    /**
     * For each root, the messages of the pool that follow it: in its channel, within the window, by another member,
     * continuing no message, more than a thank-you, not a question, and with no other looked-up question asked between
     * them; earliest first, at most {@link #MAX_FOLLOWERS}. Each message's time and shape are read once.
     */
    Map<String, List<Candidate>> of(List<Candidate> roots, Collection<Candidate> pool) {
        if (!on() || roots.isEmpty()) {
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
            List<Candidate> after = pool.stream()
                    .filter(message -> time.containsKey(message.messageId()) && root.channelId().equals(message.channelId()))
                    .filter(message -> {
                        long at = time.get(message.messageId());
                        return at > start && at <= start + windowSeconds;
                    })
                    // the asker's own follow-up, a thank-you, and another member's new question are not answers
                    .filter(message -> !Objects.equals(message.authorId(), root.authorId()) && !asks.get(message.messageId())
                            && !AnswerRanker.isAcknowledgement(message.text()))
                    .filter(message -> roots.stream().noneMatch(other -> other != root && Objects.equals(other.channelId(), root.channelId())
                            && Boolean.TRUE.equals(asks.get(other.messageId())) && time.get(other.messageId()) > start
                            && time.get(other.messageId()) < time.get(message.messageId())))
                    .sorted(Comparator.comparing(message -> time.get(message.messageId())))
                    .limit(MAX_FOLLOWERS).toList();
            if (!after.isEmpty()) {
                followers.put(root.messageId(), after);
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
