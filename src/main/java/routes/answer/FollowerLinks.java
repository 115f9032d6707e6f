package routes.answer;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import routes.chroma.SearchScope;

/**
 * The weakest answer link: when nobody replied to a question, the messages other members posted in
 * its channel just after it, within {@code rtfm.retrieval.follow-window} minutes. In a help channel
 * those are often its answer, written without the reply button; the link is only taken for a question
 * no reply answers, and a message is counted for the latest of the looked-up questions before it.
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

    /** The span after each root in which its followers were posted; roots without a channel or a time have none. */
    List<SearchScope.Span> spans(List<Candidate> roots) {
        return roots.stream().filter(root -> root.channelId() != null && epochSecond(root) != null)
                .map(root -> new SearchScope.Span(root.channelId(), epochSecond(root), epochSecond(root) + windowSeconds)).toList();
    }

    /**
     * The fetched messages that follow {@code root}: in its channel, within the window, by another member, continuing no
     * message, more than a thank-you, and with no later looked-up root between it and this one; earliest first.
     */
    List<Candidate> of(Candidate root, List<Candidate> roots, Collection<Candidate> fetched) {
        Long start = epochSecond(root);
        if (!on() || start == null || root.channelId() == null) {
            return List.of();
        }
        return fetched.stream()
                .filter(message -> !message.continuesAnother() && root.channelId().equals(message.channelId()))
                .filter(message -> !Objects.equals(message.authorId(), root.authorId()) && !AnswerRanker.isAcknowledgement(message.text()))
                .filter(message -> {
                    Long at = epochSecond(message);
                    return at != null && at > start && at <= start + windowSeconds && latestRootBefore(at, message, roots) == root;
                })
                .sorted(Comparator.comparing(FollowerLinks::epochSecond))
                .limit(MAX_FOLLOWERS).toList();
    }

    private static Candidate latestRootBefore(long at, Candidate message, List<Candidate> roots) {
        Candidate latest = null;
        for (Candidate root : roots) {
            Long start = epochSecond(root);
            if (start != null && start < at && Objects.equals(root.channelId(), message.channelId())
                    && (latest == null || start > epochSecond(latest))) {
                latest = root;
            }
        }
        return latest;
    }

    private static Long epochSecond(Candidate candidate) {
        try {
            return candidate.isoTimestamp() == null ? null : OffsetDateTime.parse(candidate.isoTimestamp()).toEpochSecond();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
