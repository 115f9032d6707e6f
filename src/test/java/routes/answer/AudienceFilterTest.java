package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.BotResponse;

class AudienceFilterTest {

    private final AudienceFilter audience = new AudienceFilter();
    private final List<Candidate> found = List.of(candidate("1", "general"), candidate("2", "staff"), candidate("3", "staff"),
            candidate("4", "general"));

    private static Candidate candidate(String id, String channel) {
        return new Candidate(id, channel, channel, "ana", null, null, 0.8, "text " + id, null, 0.8);
    }

    private static BotQuery query(List<String> audience) {
        return new BotQuery("q", "m", "when?", "u", "1", "general", "2025-11-02T12:34:56Z", Map.of(), 1, "g",
                List.of("general", "staff"), audience);
    }

    @Test
    void onlySourcesTheWholeAudienceMayReadAreKeptAndTheRestCounted() {
        BotQuery inGeneral = query(List.of("general"));
        assertThat(AudienceFilter.citableFor(found, inGeneral)).extracting(Candidate::messageId).containsExactly("1", "4");
        assertThat(audience.withheld(found, inGeneral)).isEqualTo(2);
    }

    @Test
    void anAnswerOnlyTheAskerSeesKeepsEverythingTheyMayRead() {
        assertThat(AudienceFilter.citableFor(found, query(null))).hasSize(4);
        assertThat(audience.withheld(found, query(null))).isZero();
    }

    @Test
    void theAnswerSaysHowManyWereWithheldWithoutNamingThem() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setVariable(ResponseFactory.WITHHELD, 2);
        BotResponse answer = new ResponseFactory("RTFM", 500, "m").withoutGeneration(query(List.of("general")),
                AudienceFilter.citableFor(found, query(List.of("general"))), exchange);
        assertThat(answer.responseText()).endsWith(
                "2 more relevant messages are in channels not everyone here can read; use /ask private:true to see them.");
        assertThat(answer.responseText()).doesNotContain("staff");
        assertThat(answer.metadata()).containsEntry("withheld_count", 2);
        exchange.setVariable(ResponseFactory.WITHHELD, 1);
        assertThat(new ResponseFactory("RTFM", 500, "m").withoutGeneration(query(List.of("general")), List.of(), exchange).responseText())
                .contains("1 more relevant message is in a channel not everyone here can read");
    }
}
