package routes.eval;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import routes.schema.DiscordMessage;

/**
 * What took first place when the first source is not an expected answer (`eval --explain`): the
 * question an expected answer replies to, a sibling reply (another reply to the same message),
 * a message of another conversation, or an unrelated message. Conversations are read from the
 * export: a reply continues what it replies to, a thread message its thread's starter.
 */
public final class FirstPlace {

    public static final String THE_QUESTION = "the question it answers";
    public static final String A_SIBLING = "a sibling reply";
    public static final String ANOTHER_CONVERSATION = "another conversation";
    public static final String UNRELATED = "an unrelated message";
    public static final List<String> KINDS = List.of(THE_QUESTION, A_SIBLING, ANOTHER_CONVERSATION, UNRELATED);

    private final Map<String, String> parentOf = new HashMap<>();
    private final Set<String> continued = new HashSet<>();

    public FirstPlace(Collection<DiscordMessage> export) {
        for (DiscordMessage message : export) {
            String parent = message.replyToMessageId() != null ? message.replyToMessageId()
                    : message.threadId() != null && !message.threadId().equals(message.messageId()) ? message.threadId() : null;
            if (parent != null) {
                parentOf.put(message.messageId(), parent);
                continued.add(parent);
            }
        }
    }

    /** What kind of message the first source is, next to the messages that answer the question. */
    public String kind(String first, Collection<String> expected) {
        if (expected.stream().anyMatch(id -> first.equals(parentOf.get(id)))) {
            return THE_QUESTION;
        }
        String parent = parentOf.get(first);
        if (parent != null && expected.stream().anyMatch(id -> parent.equals(parentOf.get(id)))) {
            return A_SIBLING;
        }
        return parent != null || continued.contains(first) ? ANOTHER_CONVERSATION : UNRELATED;
    }

    /** Prints `eval --explain`: the questions whose first source is not an answer, by what took first place, counted by kind. */
    public static void print(java.io.PrintWriter out, List<String> explained) {
        out.println("first source not an answer: " + explained.size());
        for (String kind : FirstPlace.KINDS) {
            List<String> rows = explained.stream().filter(row -> row.startsWith(kind + "\t")).toList();
            out.printf("  %-24s %d%n", kind, rows.size());
            rows.forEach(row -> {
                String[] parts = row.split("\t", 3);
                String excerpt = parts[2].length() > 70 ? parts[2].substring(0, 69) + "…" : parts[2];
                out.printf("    %s%n      first: %s%n", parts[1], excerpt);
            });
        }
    }
}
