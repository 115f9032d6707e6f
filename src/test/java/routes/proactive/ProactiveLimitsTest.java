package routes.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProactiveLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ProactiveLimits limits = new ProactiveLimits(3, now::get);

    @Test
    void aChannelGetsItsShareInAnyHourAndMoreOnceTheHourHasPassed() {
        assertThat(limits.tryPost("help", null)).isTrue();
        now.addAndGet(Duration.ofMinutes(10).toMillis());
        assertThat(limits.tryPost("help", null)).isTrue();
        assertThat(limits.tryPost("help", null)).isTrue();
        // three in ten minutes: the fourth waits until the first is an hour old
        assertThat(limits.tryPost("help", null)).isFalse();
        assertThat(limits.tryPost("general", null)).as("another channel has its own share").isTrue();
        now.addAndGet(Duration.ofMinutes(49).toMillis());
        assertThat(limits.tryPost("help", null)).isFalse();
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(limits.tryPost("help", null)).isTrue();
    }

    @Test
    void aThreadGetsOneAndItCountsForItsChannel() {
        assertThat(limits.tryPost("forum", "post-1")).isTrue();
        assertThat(limits.tryPost("forum", "post-1")).isFalse();
        assertThat(limits.tryPost("forum", "post-2")).isTrue();
        assertThat(limits.tryPost("forum", null)).isTrue();
        // post-1's refusal took no place: three posted, the channel's share is spent
        assertThat(limits.tryPost("forum", "post-3")).isFalse();
    }

    @Test
    void theAnsweredThreadsItRemembersAreTheLatestTenThousand() {
        ProactiveLimits unlimited = new ProactiveLimits(Integer.MAX_VALUE, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(unlimited.tryPost("forum-" + (i % 50), "post-" + i)).isTrue();
        }
        assertThat(unlimited.tryPost("forum-0", "post-0")).as("the oldest of 10,000 is still remembered").isFalse();
        assertThat(unlimited.tryPost("forum-0", "post-10000")).isTrue();
        assertThat(unlimited.tryPost("forum-0", "post-0")).as("one more pushed out the oldest").isTrue();
        assertThat(unlimited.tryPost("forum-1", "post-9999")).as("the newest is remembered").isFalse();
    }

    @Test
    void zeroPerHourPostsNothing() {
        assertThat(new ProactiveLimits(0, now::get).tryPost("help", null)).isFalse();
    }
}
