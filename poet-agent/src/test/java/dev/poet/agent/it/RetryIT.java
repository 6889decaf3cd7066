package dev.poet.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.legacy.Flaky;

import static org.assertj.core.api.Assertions.assertThat;

/** The base domain retries transient failures, and only those; "retries" counts total attempts. */
@ExtendWith(SuppressedErrorCheck.class)
class RetryIT {

    @Test
    void transientFailuresAreRetriedProgrammingErrorsAreNot() {
        JvmRun plain = AgentJvm.of(Flaky.class).withoutAgent().run();
        JvmRun enhanced = AgentJvm.of(Flaky.class).property("poet.activation", "eager")
                .property("poet.method.com.example.legacy.Flaky.slowService.backoff-initial-ms", "1").run();

        assertThat(plain.stdout()).contains("fetch failed: connection reset (attempt 1)")
                .contains("slowService failed");
        assertThat(enhanced.exitCode()).as(enhanced.toString()).isZero();
        assertThat(enhanced.stdout()).as(enhanced.toString())
                .contains("fetch record r0", "fetch record r1", "fetch record r2", "fetch record r3")
                .doesNotContain("fetch failed")
                .contains("parse failed after 1 attempt(s)")
                .contains("slowService ok 7")
                .contains("charge failed after 1 attempt(s): gateway down");
        assertThat(enhanced.counter("com.example.legacy.Flaky.fetch", "retries")).isEqualTo(4);
        assertThat(enhanced.counter("com.example.legacy.Flaky.slowService", "retries")).isEqualTo(2);
        assertThat(enhanced.counter("com.example.legacy.Flaky.charge", "failures-passed-through")).isEqualTo(1);
    }

    @Test
    void retriesIsTotalAttemptsAndTheLastFailureReachesTheCaller() {
        JvmRun enhanced = AgentJvm.of(Flaky.class).property("poet.activation", "eager")
                .property("poet.method.com.example.legacy.Flaky.slowService.retries", "2")
                .property("poet.method.com.example.legacy.Flaky.slowService.backoff-initial-ms", "1").run();

        assertThat(enhanced.stdout()).as(enhanced.toString()).contains("slowService failed: timed out (attempt 2)");
        assertThat(enhanced.counter("com.example.legacy.Flaky.slowService", "retries")).isEqualTo(1);
    }
}
