package routes.discord;

import java.util.ArrayList;
import java.util.List;
import routes.schema.BotResponse;

/** Turns an answer into Discord messages: the text, then "Sources:" with numbered jump links, in chunks of at most 2000 characters. */
public final class ReplyFormatter {

    public static final int DISCORD_LIMIT = 2000;

    private ReplyFormatter() {
    }

    public static String render(BotResponse response) {
        StringBuilder text = new StringBuilder(response.responseText() == null ? "" : response.responseText().strip());
        List<BotResponse.Source> sources = response.sources() == null ? List.of() : response.sources();
        // sources_only answers already list their sources in the text, numbered the same way
        boolean listSources = !sources.isEmpty() && !BotResponse.SOURCES_ONLY.equals(response.mode());
        if (listSources || BotResponse.SOURCES_ONLY.equals(response.mode())) {
            text.append("\n\nSources:");
            for (int i = 0; i < sources.size(); i++) {
                BotResponse.Source source = sources.get(i);
                text.append("\n[").append(i + 1).append("] ")
                        .append(source.author() == null ? "" : source.author() + " — ")
                        .append(source.jumpUrl() == null ? source.messageId() : "<" + source.jumpUrl() + ">");
            }
        }
        return text.toString();
    }

    /** Room kept in each chunk to close a code block it leaves open and reopen it in the next. */
    static final int FENCE_ROOM = 32;
    private static final String FENCE = "```";

    /**
     * Splits on line boundaries into chunks of at most {@code limit} characters. A single line longer
     * than that is cut, never inside a surrogate pair; a code block split across chunks is closed at
     * the end of one and reopened (with its language) at the start of the next, so each renders.
     */
    public static List<String> chunks(String text, int limit) {
        List<String> chunks = new ArrayList<>();
        String reopen = null;
        for (String piece : split(text, limit - FENCE_ROOM)) {
            String chunk = reopen == null ? piece : reopen + "\n" + piece;
            reopen = openFence(chunk);
            chunks.add(reopen == null ? chunk : chunk + "\n" + FENCE);
        }
        return chunks;
    }

    /** The fence line of a code block still open at the end of the text, or null. */
    static String openFence(String text) {
        String open = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(FENCE)) {
                // a language tag is kept for the reopened block, within the room kept for it
                open = open == null ? trimmed.substring(0, Math.min(trimmed.length(), FENCE_ROOM / 2)) : null;
            }
        }
        return open;
    }

    private static List<String> split(String text, int limit) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > limit) {
                flush(chunks, current);
                int cut = Character.isHighSurrogate(line.charAt(limit - 1)) ? limit - 1 : limit;
                chunks.add(line.substring(0, cut));
                line = line.substring(cut);
            }
            int needed = current.length() == 0 ? line.length() : current.length() + 1 + line.length();
            if (needed > limit) {
                flush(chunks, current);
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
        }
        flush(chunks, current);
        return chunks;
    }

    private static void flush(List<String> chunks, StringBuilder current) {
        if (!current.toString().isBlank()) {
            chunks.add(current.toString());
        }
        current.setLength(0);
    }
}
