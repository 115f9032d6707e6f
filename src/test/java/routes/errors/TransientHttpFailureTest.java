package routes.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientHttpFailureTest {

    private static final String PER_MINUTE = """
            {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
              {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaId": "GenerateRequestsPerMinutePerProjectPerModel"}]},
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "33s"}]}}""";
    private static final String PER_DAY = PER_MINUTE.replace("PerMinute", "PerDay");

    @ParameterizedTest
    @CsvSource({"500, true", "503, true", "504, true", "400, false", "403, false", "404, false"})
    void serverErrorsAreRetriedClientErrorsAreNot(int status, boolean retried) {
        assertThat(new TransientHttpFailure().matches(failed(status, "{}"))).isEqualTo(retried);
    }

    @ParameterizedTest
    @CsvSource({"minute, true", "day, false"})
    void aRateLimitIsRetriedUnlessTheDailyQuotaIsGone(String quota, boolean retried) {
        assertThat(new TransientHttpFailure().matches(failed(429, quota.equals("day") ? PER_DAY : PER_MINUTE))).isEqualTo(retried);
    }

    private static Exchange failed(int status, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new HttpOperationFailedException("http://gemini", status, "x", null, null, body));
        return exchange;
    }
}
