package routes.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import routes.schema.BotResponse;
import routes.schema.WireFormat;

/**
 * Measures retrieval through the product itself: each question is asked on a running RTFM's
 * HTTP API, through bot-queries, answer-queries and bot-responses, and the rank of the first
 * expected message among the answer's sources is recorded.
 */
public final class RetrievalEvaluation {

    /** How deep ranks are read: the answers carry this many sources during an evaluation. */
    public static final int DEPTH = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WireFormat wire = new WireFormat();
    private final URI ask;

    public RetrievalEvaluation(String apiBaseUrl) {
        this.ask = URI.create(apiBaseUrl + "/api/ask");
    }

    /** @param firstPlace what the first source is when it is not an answer (for --explain); null: not asked */
    public RetrievalReport evaluate(List<EvalQuestion> set, String guildId, FirstPlace firstPlace) throws IOException, InterruptedException {
        List<Integer> ranks = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        List<ProactiveCalibration.Point> firstSources = new ArrayList<>();
        for (EvalQuestion question : set) {
            BotResponse answer = ask(question.question(), guildId);
            List<BotResponse.Source> sources = answer.sources();
            int rank = 0;
            for (int i = 0; sources != null && i < sources.size() && i < DEPTH; i++) {
                if (question.expectedMessageIds().contains(sources.get(i).messageId())) {
                    rank = i + 1;
                    break;
                }
            }
            ranks.add(rank);
            Object score = answer.metadata() == null ? null : answer.metadata().get(BotResponse.RANK_SCORE);
            if (score instanceof Number number) {
                firstSources.add(new ProactiveCalibration.Point(number.doubleValue(), rank == 1));
            }
            if (rank != 1 && firstPlace != null && sources != null && !sources.isEmpty()) {
                explained.add(firstPlace.kind(sources.get(0).messageId(), question.expectedMessageIds()) + "\t" + question.question()
                        + "\t" + sources.get(0).excerpt().replaceAll("\\s+", " "));
            }
            if (rank == 0 || rank > 5) {
                misses.add((rank == 0 ? "not in top " + DEPTH : "rank " + rank) + ": " + question.question());
            }
        }
        return RetrievalReport.of(ranks, misses, explained, new ProactiveCalibration(firstSources));
    }

    private BotResponse ask(String question, String guildId) throws IOException, InterruptedException {
        ObjectNode body = WireFormat.mapper().createObjectNode().put("question", question);
        if (guildId != null) {
            body.put("guild_id", guildId);
        }
        HttpRequest request = HttpRequest.newBuilder(ask).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("RTFM answered " + response.statusCode() + " to '" + question + "': " + response.body());
        }
        return wire.parseResponse(response.body());
    }
}
