package dev.poet.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aFullWindowWaitsForTheOldestPermitWithinTheBudget() throws Exception {
        RateLimiter limiter = new RateLimiter(2, 300);
        assertThat(limiter.acquire(TimeBudget.ofMillis(1_000))).isTrue();
        assertThat(limiter.acquire(TimeBudget.ofMillis(1_000))).isTrue();
        assertThat(limiter.acquire(TimeBudget.ofMillis(50))).isFalse();
        long start = System.nanoTime();
        assertThat(limiter.acquire(TimeBudget.ofMillis(2_000))).isTrue();
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 1_500L);
    }

    @Test
    void secretsPrintMasked() {
        Secret s = Secret.of("sk-abc");
        assertThat(s.toString()).isEqualTo("****");
        assertThat(s.redact("key sk-abc rejected")).isEqualTo("key **** rejected");
        assertThat(Secret.of(" ").isPresent()).isFalse();
    }
}
