package routes.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientFailureTest {

    private static final String PER_MINUTE = """
            {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
              {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaId": "GenerateRequestsPerMinutePerProjectPerModel"}]},
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "33s"}]}}""";
    private static final String PER_DAY = PER_MINUTE.replace("PerMinute", "PerDay");

    @ParameterizedTest
    @CsvSource({"500, true", "503, true", "504, true", "400, false", "403, false", "404, false"})
    void serverErrorsAreRetriedClientErrorsAreNot(int status, boolean retried) {
        assertThat(new TransientFailure().matches(failed(status, "{}"))).isEqualTo(retried);
    }

    @ParameterizedTest
    @CsvSource({"minute, true", "day, false"})
    void aRateLimitIsRetriedUnlessTheDailyQuotaIsGone(String quota, boolean retried) {
        assertThat(new TransientFailure().matches(failed(429, quota.equals("day") ? PER_DAY : PER_MINUTE))).isEqualTo(retried);
    }

    @ParameterizedTest
    @CsvSource({"connection, true", "json, false", "state, false"})
    void aConnectionErrorIsRetriedButJsonThatDoesNotParseIsNot(String kind, boolean retried) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        Exception failure = switch (kind) {
            case "connection" -> new java.net.ConnectException("Connection refused");
            case "json" -> new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character");
            default -> new IllegalStateException("bug");
        };
        // Camel wraps what a bean throws: the cause decides
        exchange.setException(new org.apache.camel.RuntimeCamelException(failure));
        assertThat(new TransientFailure().matches(exchange)).isEqualTo(retried);
    }

    private static Exchange failed(int status, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new HttpOperationFailedException("http://gemini", status, "x", null, null, body));
        return exchange;
    }

    @ParameterizedTest
    @CsvSource({"08006, true", "57P01, true", "53300, true", "40001, true", "23505, true", "42P01, false", "22001, false"})
    void aDatabaseThatIsDownOrRestartingIsWaitedForButABadStatementIsNot(String state, boolean retried) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        // as camel-sql hands it over: Spring's exception around the driver's
        exchange.setException(new org.springframework.dao.DataAccessResourceFailureException("failed",
                new java.sql.SQLException("the driver's message", state)));
        assertThat(new TransientFailure().matches(exchange)).isEqualTo(retried);
    }

    @org.junit.jupiter.api.Test
    void aPoolThatCannotConnectIsWaitedFor() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("rtfm-log - Connection is not available, request timed out after 2000ms")));
        assertThat(new TransientFailure().matches(exchange)).isTrue();
    }
}
