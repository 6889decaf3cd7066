package dev.poet.core.domains;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.domains.Swaps;

import dev.poet.runtime.deadline.DeadlineExceededIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An attempt that hit the method's own per-attempt deadline is retried like any time-out, within {@code retries};
 * only the last one reaches the caller.
 */
class DeadlineRetryTest {

    @Test
    void llmOpsRetriesAnAttemptThatHitItsDeadline() throws Throwable {
        DomainHarness llm = DomainHarness.of(Swaps.class, "answerAfterAHang", "llm_ops", "timeout-ms", "400",
                "backoff-initial-ms", "0");
        Swaps app = new Swaps();
        long start = System.nanoTime();
        assertThat(llm.invoke(app, "q")).isEqualTo("second answer to q");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(app.attempts).as("the body ran twice").isEqualTo(2);
        assertThat(elapsedMs).as("one deadline, then the answer").isBetween(390L, 3_000L);
        assertThat(app.firstInterrupted.await(5, TimeUnit.SECONDS)).as("the hung attempt was interrupted").isTrue();
        assertThat(llm.events.count("deadline.exceeded")).isEqualTo(1);
        assertThat(llm.events.count("retry.scheduled")).isEqualTo(1);
        assertThat(llm.ownFailures()).isZero();
    }

    @Test
    void baseWithAnExplicitTimeOutRetriesAnAttemptThatHitIt() throws Throwable {
        DomainHarness base = DomainHarness.of(Swaps.class, "answerAfterAHang", "base", "timeout-ms", "300",
                "backoff-initial-ms", "0");
        Swaps app = new Swaps();
        assertThat(base.invoke(app, "q")).isEqualTo("second answer to q");
        assertThat(app.attempts).isEqualTo(2);
    }

    @Test
    void theLastTimedOutAttemptReachesTheCaller() throws Throwable {
        DomainHarness llm = DomainHarness.of(Swaps.class, "slow", "llm_ops", "timeout-ms", "50", "retries", "2",
                "backoff-initial-ms", "0");
        Swaps app = new Swaps();
        assertThatThrownBy(() -> llm.invoke(app, "q")).isInstanceOf(DeadlineExceededIOException.class);
        assertThat(app.attempts).isEqualTo(2);
        assertThat(llm.events.count("deadline.exceeded")).isEqualTo(2);
    }
}
