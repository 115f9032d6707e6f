package routes.dashboard;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the questions page, and its export, were asked to show: outcome, vote, channel, a date range
 * (UTC days, both ends included) and a text search. Each parameter is checked here, so a bad one
 * answers 400 naming it.
 */
public record QuestionFilter(String outcome, String vote, String channel, LocalDate from, LocalDate to, String text, int page) {

    /** The answer modes a question may be filtered by, as the questions page offers them. */
    public static final List<String> OUTCOMES = List.of("generated", "sources_only", "no_match", "error", "proactive_skipped");
    public static final Set<String> VOTES = Set.of("up", "down", "none");
    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final int MAX_TEXT = 200;

    public static QuestionFilter parse(Map<String, String> params) {
        String outcome = blankToNull(params.get("outcome"));
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw DashboardException.badParameter("outcome", "one of " + String.join(", ", OUTCOMES));
        }
        String vote = blankToNull(params.get("vote"));
        if (vote != null && !VOTES.contains(vote)) {
            throw DashboardException.badParameter("vote", "one of up, down, none");
        }
        String channel = blankToNull(params.get("channel"));
        if (channel != null && !SNOWFLAKE.matcher(channel).matches()) {
            throw DashboardException.badParameter("channel", "a channel id");
        }
        LocalDate from = date(params, "from");
        LocalDate to = date(params, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw DashboardException.badParameter("to", "the end of the range is before its start");
        }
        String text = blankToNull(params.get("q"));
        if (text != null && text.length() > MAX_TEXT) {
            throw DashboardException.badParameter("q", "at most " + MAX_TEXT + " characters");
        }
        return new QuestionFilter(outcome, vote, channel, from, to, text, page(params.get("page")));
    }

    static int page(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(value.trim());
            if (page < 1 || page > 100_000) {
                throw DashboardException.badParameter("page", "a page number from 1 to 100000");
            }
            return page;
        } catch (NumberFormatException e) {
            throw DashboardException.badParameter("page", "a page number from 1 to 100000");
        }
    }

    private static LocalDate date(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DashboardException.badParameter(name, "a date as YYYY-MM-DD");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public Long fromMs() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The end of the range: the start of the day after {@code to}. */
    public Long untilMs() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The same filter as query parameters, for the next page's link and the export's. */
    public Map<String, String> asParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (outcome != null) {
            params.put("outcome", outcome);
        }
        if (vote != null) {
            params.put("vote", vote);
        }
        if (channel != null) {
            params.put("channel", channel);
        }
        if (from != null) {
            params.put("from", from.toString());
        }
        if (to != null) {
            params.put("to", to.toString());
        }
        if (text != null) {
            params.put("q", text);
        }
        return params;
    }
}
