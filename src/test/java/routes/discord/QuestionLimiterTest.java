package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuestionLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final QuestionLimiter limiter = new QuestionLimiter(3, now::get);

    @Test
    void atMostTheLimitInAnySlidingMinutePerUser() {
        assertThat(limiter.tryAcquire("ana")).isTrue();
        now.addAndGet(10_000);
        assertThat(limiter.tryAcquire("ana")).isTrue();
        assertThat(limiter.tryAcquire("ana")).isTrue();
        assertThat(limiter.tryAcquire("ana")).isFalse();
        // someone else is not held up by ana
        assertThat(limiter.tryAcquire("bo")).isTrue();
        // a minute after ana's first question, one slot is free again, not three
        now.addAndGet(50_000);
        assertThat(limiter.tryAcquire("ana")).isTrue();
        assertThat(limiter.tryAcquire("ana")).isFalse();
        now.addAndGet(10_000);
        assertThat(limiter.tryAcquire("ana")).isTrue();
        assertThat(limiter.tryAcquire("ana")).isTrue();
    }

    @Test
    void aRefusedQuestionDoesNotUseASlot() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("ana");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("ana")).isFalse();
        }
        now.addAndGet(60_000);
        assertThat(limiter.tryAcquire("ana")).isTrue();
    }

    @Test
    void someoneWhoStoppedAskingIsForgotten() {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("user-" + i);
        }
        assertThat(limiter.trackedUsers()).isEqualTo(100);
        now.addAndGet(61_000);
        limiter.tryAcquire("ana");
        assertThat(limiter.trackedUsers()).isEqualTo(1);
    }
}
