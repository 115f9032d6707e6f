package routes.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;
import routes.schema.InvalidRecordException;

class HttpApiTest {

    @Test
    void beyondLoopbackTheApiRefusesToStartWithoutAToken() {
        assertThatThrownBy(() -> new HttpApi(new routes.schema.WireFormat(), new ApiExposure("0.0.0.0", "", false, false), "local", "general", "u", "u"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RTFM_API_TOKEN");
        new HttpApi(new routes.schema.WireFormat(), new ApiExposure("127.0.0.1", "", false, false), "local", "general", "u", "u").checkAccess(null);
    }

    @Test
    void withATokenOnlyTheRightBearerGetsIn() {
        HttpApi api = new HttpApi(new routes.schema.WireFormat(), new ApiExposure("0.0.0.0", "s3cret-token", false, false), "local", "general", "u", "u");
        api.checkAccess("Bearer s3cret-token");
        assertThatThrownBy(() -> api.checkAccess(null)).isInstanceOf(HttpApi.AccessDeniedException.class);
        assertThatThrownBy(() -> api.checkAccess("Bearer wrong")).isInstanceOf(HttpApi.AccessDeniedException.class);
        assertThatThrownBy(() -> api.checkAccess("s3cret-token")).isInstanceOf(HttpApi.AccessDeniedException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anAskRequestBecomesAQueryWithDefaultsForWhatIsMissing() {
        HttpApi api = new HttpApi(new routes.schema.WireFormat(), new ApiExposure("127.0.0.1", "", false, false), "local", "general", "local-user", "local-user");
        BotQuery query = api.askQuery("{\"question\": \" where are the docs? \", \"visible_channel_ids\": [\"a\", \"b\"]}");
        assertThat(query.question()).isEqualTo("where are the docs?");
        assertThat(query.guildId()).isEqualTo("local");
        assertThat(query.visibleChannelIds()).containsExactly("a", "b");
        assertThat(query.origin()).isEqualTo(HttpApi.ORIGIN);
        assertThatThrownBy(() -> api.askQuery("{\"question\": \"\"}")).isInstanceOf(InvalidRecordException.class).hasMessageContaining("question");
        assertThatThrownBy(() -> api.askQuery("[1]")).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> api.askQuery("{\"question\": \"q\", \"visible_channel_ids\": \"a\"}"))
                .hasMessageContaining("visible_channel_ids");
    }

    @Test
    void anAnswerThatDoesNotComeInTimeIsATimeout() {
        AskWaiters waiters = new AskWaiters(200);
        BotQuery query = new BotQuery("q", "q", "?", "u", "1", "c", "2025-11-02T12:34:56Z", Map.of(), 1, null, List.of(), null);
        waiters.register(query);
        long started = System.nanoTime();
        assertThatThrownBy(() -> waiters.await(query)).isInstanceOf(AskWaiters.AskTimeoutException.class);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(200);
        assertThat(waiters.pending()).isZero();
    }

    @Test
    void nextToDiscordEveryCallNeedsTheTokenQuestionsNameTheirChannelsAndIntakeIsOff() {
        HttpApi open = new HttpApi(new routes.schema.WireFormat(), new ApiExposure("127.0.0.1", "", true, false),
                "local", "general", "u", "u");
        assertThatThrownBy(() -> open.checkAccess(null)).isInstanceOf(HttpApi.AccessDeniedException.class)
                .hasMessageContaining("RTFM_API_TOKEN");
        HttpApi guarded = new HttpApi(new routes.schema.WireFormat(), new ApiExposure("127.0.0.1", "t0ken", true, false),
                "local", "general", "u", "u");
        guarded.checkAccess("Bearer t0ken");
        assertThatThrownBy(() -> guarded.askQuery("{\"question\": \"where?\"}")).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("visible_channel_ids");
        assertThat(guarded.askQuery("{\"question\": \"where?\", \"visible_channel_ids\": [\"c\"]}").visibleChannelIds())
                .containsExactly("c");
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        HttpMessageIntake intake = new HttpMessageIntake(new routes.schema.WireFormat(), guarded.exposure());
        assertThatThrownBy(() -> intake.messages("{}", exchange)).isInstanceOf(HttpApi.Rejection.class)
                .hasMessageContaining("message-intake").extracting(e -> ((HttpApi.Rejection) e).status()).isEqualTo(403);
    }

    @Test
    void anArrayOfMessagesIsTakenInWholeOrNotAtAll() throws Exception {
        HttpMessageIntake intake = new HttpMessageIntake(new routes.schema.WireFormat(), new ApiExposure("127.0.0.1", "", false, false));
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        String one = "{\"message_id\": \"m1\", \"content\": \"deploys run at 5pm\", \"username\": \"ana\", \"user_id\": \"7\", "
                + "\"channel_id\": \"general\", \"timestamp\": \"2025-11-02T12:34:56Z\", \"schema_version\": 1, \"guild_id\": \"local\"}";
        String two = one.replace("m1", "m2");
        assertThat(intake.messages("[" + one + "," + two + "]", exchange)).extracting(m -> m.messageId()).containsExactly("m1", "m2");
        assertThat(intake.accepted("[" + one + "," + two + "]", exchange)).contains("\"message_ids\":[\"m1\",\"m2\"]");
        assertThat(intake.messages(one, exchange)).hasSize(1);
        assertThat(intake.accepted(one, exchange)).contains("\"message_id\":\"m1\"");
        // one bad element refuses the whole request, naming what is wrong
        assertThatThrownBy(() -> intake.messages("[" + one + ", {\"message_id\": \"m3\"}]", exchange))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("content");
        assertThatThrownBy(() -> intake.messages("[" + one, exchange)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("not valid JSON");
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(HttpMessageIntake.MAX_MESSAGES + 1, one)) + "]";
        assertThatThrownBy(() -> intake.messages(tooMany, exchange)).isInstanceOf(HttpApi.Rejection.class).hasMessageContaining("at most");
    }
}
