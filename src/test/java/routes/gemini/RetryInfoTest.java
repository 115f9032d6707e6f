package routes.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import routes.testing.Gemini;

class RetryInfoTest {

    @Test
    void aQuotaErrorNamesItsWaitAndOtherErrorsNone() {
        assertThat(RetryInfo.delayMs(Gemini.quotaPerMinute("28s"))).isEqualTo(28_000);
        assertThat(RetryInfo.delayMs(Gemini.quotaPerMinute("1.5s"))).isEqualTo(1_500);
        assertThat(RetryInfo.delayMs(Gemini.unavailable())).isZero();
        assertThat(RetryInfo.delayMs("not json")).isZero();
        assertThat(RetryInfo.delayMs(null)).isZero();
    }
}
