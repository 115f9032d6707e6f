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

    /** Splits on line boundaries; a single line longer than the limit is cut at the limit. */
    public static List<String> chunks(String text, int limit) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > limit) {
                flush(chunks, current);
                chunks.add(line.substring(0, limit));
                line = line.substring(limit);
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
