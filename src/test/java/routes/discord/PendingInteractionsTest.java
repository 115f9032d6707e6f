package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.junit.jupiter.api.Test;

class PendingInteractionsTest {

    private final AtomicLong now = new AtomicLong(0);
    private final PendingInteractions pending = new PendingInteractions(now::get);
    private final InteractionHook hook = mock(InteractionHook.class);

    @Test
    void anAnswerGoesThroughItsHookOnce() {
        pending.add("q1", hook);
        assertThat(pending.take("q1")).isSameAs(hook);
        assertThat(pending.take("q1")).isNull();
        assertThat(pending.take("unknown")).isNull();
    }

    @Test
    void anExpiredHookIsNotUsed() {
        pending.add("q1", hook);
        now.set(PendingInteractions.HOOK_LIFETIME.toMillis());
        assertThat(pending.take("q1")).isNull();
    }

    @Test
    void anInteractionWhoseAnswerNeverCameIsForgottenOnceItsHookIsDead() {
        pending.add("lost", hook);
        now.set(PendingInteractions.HOOK_LIFETIME.toMillis() + 1);
        pending.add("q2", hook);
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.take("q2")).isSameAs(hook);
    }
}
