package dev.poet.runtime.retry;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.time.ManualClock;
import dev.poet.runtime.time.RandomSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryTest {

    private final ManualClock clock = new ManualClock();
    private final InMemoryEventSink sink = new InMemoryEventSink();
    private static final RandomSource MAX_JITTER = bound -> bound;
    private static final RandomSource NO_JITTER = bound -> 0;

    private Retry.Builder retry(RetryConfig config, RandomSource random) {
        return Retry.builder("m").config(config).events(sink).clock(clock).sleeper(clock).random(random);
    }

    /** Fails with the given failures in turn, then returns "ok". */
    private static Attempt failing(AtomicInteger calls, Throwable... failures) {
        return () -> {
            int n = calls.getAndIncrement();
            if (n < failures.length) {
                throw failures[n];
            }
            return "ok";
        };
    }

    @Test
    void backoffCeilingsGrowExponentiallyUpToTheCap() throws Throwable {
        RetryConfig config = RetryConfig.builder().maxAttempts(7).initialBackoffMs(100).multiplier(2)
                .maxBackoffMs(1000).build();
        AtomicInteger calls = new AtomicInteger();
        IOException e = new IOException("down");
        Object result = retry(config, MAX_JITTER).build().execute(failing(calls, e, e, e, e, e, e));

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(7);
        assertThat(clock.sleeps()).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void jitterIsFullAndWithinTheCeiling() throws Throwable {
        RetryConfig config = RetryConfig.builder().maxAttempts(4).initialBackoffMs(100).multiplier(3)
                .maxBackoffMs(500).build();
        List<Long> bounds = new ArrayList<>();
        RandomSource recording = bound -> {
            bounds.add(bound);
            return bound / 2;
        };
        IOException e = new IOException();
        retry(config, recording).build().execute(failing(new AtomicInteger(), e, e, e));

        assertThat(bounds).containsExactly(100L, 300L, 500L);
        assertThat(clock.sleeps()).containsExactly(50L, 150L, 250L);

        // With the real random source every delay lies in [0, ceiling].
        Retry real = retry(config, RandomSource.SYSTEM).build();
        for (int n = 1; n <= 5; n++) {
            for (int i = 0; i < 200; i++) {
                assertThat(real.delayBefore(config, n, e)).isBetween(0L, config.backoffCeilingMs(n));
            }
        }
        assertThat(config.backoffCeilingMs(10)).isEqualTo(500L);
    }

    @Test
    void maxAttemptsCountsTheFirstCall() {
        AtomicInteger calls = new AtomicInteger();
        IOException last = new IOException("third");
        Attempt attempt = failing(calls, new IOException("1"), new IOException("2"), last, new IOException("4"));

        assertThatThrownBy(() -> retry(RetryConfig.DEFAULTS, NO_JITTER).build().execute(attempt)).isSameAs(last);
        assertThat(calls).hasValue(3);
        assertThat(sink.count(EventTypes.RETRY_SCHEDULED)).isEqualTo(2);
        assertThat(sink.ofType(EventTypes.RETRY_EXHAUSTED).get(0).fields()).containsEntry("attempts", 3);

        AtomicInteger once = new AtomicInteger();
        IOException only = new IOException();
        Retry single = retry(RetryConfig.builder().maxAttempts(1).build(), NO_JITTER).build();
        assertThatThrownBy(() -> single.execute(failing(once, only))).isSameAs(only);
        assertThat(once).hasValue(1);
    }

    @Test
    void timeoutsAreTransient() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        Object r = retry(RetryConfig.DEFAULTS, NO_JITTER).build()
                .execute(failing(calls, new TimeoutException(), new SocketTimeoutException()));
        assertThat(r).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void programmingErrorsAndErrorsAreNeverRetried() {
        Throwable[] permanent = {new IllegalArgumentException("bad"), new NullPointerException(),
                new IllegalStateException(), new StackOverflowError(), new RuntimeException("unknown")};
        for (Throwable t : permanent) {
            AtomicInteger calls = new AtomicInteger();
            // Even when the configuration asks for them.
            RetryConfig config = RetryConfig.builder()
                    .retryOn(new Class[]{Throwable.class}, null).build();
            Retry r = retry(t instanceof RuntimeException && t.getClass() == RuntimeException.class
                    ? RetryConfig.DEFAULTS : config, NO_JITTER).build();
            assertThatThrownBy(() -> r.execute(failing(calls, t))).isSameAs(t);
            assertThat(calls).as(t.toString()).hasValue(1);
        }
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void neverListWinsOverRetryOn() {
        class ConnectionReset extends IOException {
        }
        RetryConfig config = RetryConfig.builder().retryOn(null, new Class[]{ConnectionReset.class}).build();
        AtomicInteger calls = new AtomicInteger();
        ConnectionReset reset = new ConnectionReset();
        assertThatThrownBy(() -> retry(config, NO_JITTER).build().execute(failing(calls, reset))).isSameAs(reset);
        assertThat(calls).hasValue(1);

        AtomicInteger other = new AtomicInteger();
        assertThat(catchResult(retry(config, NO_JITTER).build(), failing(other, new IOException()))).isEqualTo("ok");
        assertThat(other).hasValue(2);
    }

    @Test
    void customRetryOnTypes() {
        class Throttled extends RuntimeException {
        }
        RetryConfig config = RetryConfig.builder().retryOn(new Class[]{Throttled.class}, null).build();
        AtomicInteger calls = new AtomicInteger();
        assertThat(catchResult(retry(config, NO_JITTER).build(), failing(calls, new Throttled()))).isEqualTo("ok");
        assertThat(calls).hasValue(2);
        // IOException is no longer in the list.
        IOException io = new IOException();
        assertThatThrownBy(() -> retry(config, NO_JITTER).build().execute(failing(new AtomicInteger(), io)))
                .isSameAs(io);
    }

    static class RateLimited extends IOException implements RetryAfter {
        final long millis;

        RateLimited(long millis) {
            this.millis = millis;
        }

        @Override
        public long retryAfterMillis() {
            return millis;
        }
    }

    @Test
    void retryAfterIsHonouredAndCapped() throws Throwable {
        RetryConfig config = RetryConfig.builder().maxAttempts(3).maxRetryAfterMs(5000).build();
        retry(config, MAX_JITTER).build()
                .execute(failing(new AtomicInteger(), new RateLimited(1234), new RateLimited(60_000)));
        assertThat(clock.sleeps()).containsExactly(1234L, 5000L);
    }

    @Test
    void retryAfterSourceReadsForeignFailures() throws Throwable {
        RetryConfig config = RetryConfig.builder().retryAfterSource(f -> f.getMessage().equals("429") ? 700 : -1)
                .build();
        retry(config, MAX_JITTER).build()
                .execute(failing(new AtomicInteger(), new IOException("429"), new IOException("500")));
        assertThat(clock.sleeps()).containsExactly(700L, 200L);
    }

    @Test
    void mayWaitFalseRetriesWithoutSleeping() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        Retry r = retry(RetryConfig.DEFAULTS, MAX_JITTER).mayWait(false)
                .sleeper(millis -> {
                    throw new AssertionError("slept " + millis);
                }).build();
        Object result = r.execute(failing(calls, new RateLimited(1000), new IOException()));
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(sink.ofType(EventTypes.RETRY_SCHEDULED)).allSatisfy(e -> {
            assertThat(e.fields()).containsEntry("delay_ms", 0L).containsEntry("waits", false);
        });
    }

    @Test
    void retriesOnResultAndReturnsTheLastResult() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        RetryConfig config = RetryConfig.builder().retryOnResult(result -> result == null).build();
        Attempt nullTwice = () -> calls.incrementAndGet() <= 2 ? null : "third";
        assertThat(retry(config, NO_JITTER).build().execute(nullTwice)).isEqualTo("third");

        AtomicInteger always = new AtomicInteger();
        Attempt alwaysNull = () -> {
            always.incrementAndGet();
            return null;
        };
        assertThat(retry(config, NO_JITTER).build().execute(alwaysNull)).isNull();
        assertThat(always).hasValue(3);
    }

    @Test
    void interruptDuringBackoffStopsRetryingAndKeepsTheFlag() {
        IOException first = new IOException();
        AtomicInteger calls = new AtomicInteger();
        Retry r = retry(RetryConfig.DEFAULTS, MAX_JITTER).sleeper(millis -> {
            throw new InterruptedException();
        }).build();
        try {
            assertThatThrownBy(() -> r.execute(failing(calls, first))).isSameAs(first);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(calls).hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void paramsChangeTheConfigurationPerCallAndAreCachedPerSnapshot() throws Throwable {
        ParamsRef ref = new ParamsRef(Params.of(Map.of("retries", 2, "backoff-initial-ms", 10)));
        Retry r = retry(RetryConfig.DEFAULTS, MAX_JITTER).params(ref).build();
        AtomicInteger calls = new AtomicInteger();
        IOException e = new IOException();
        assertThatThrownBy(() -> r.execute(failing(calls, e, e, e, e, e))).isSameAs(e);
        assertThat(calls).hasValue(2);
        assertThat(clock.sleeps()).containsExactly(10L);
        assertThat(r.currentConfig()).isSameAs(r.currentConfig());

        ref.set(Params.of(Map.of("retries", "5", "backoff-initial-ms", 1, "backoff-multiplier", 10,
                "backoff-max-ms", 50)));
        AtomicInteger again = new AtomicInteger();
        assertThat(r.execute(failing(again, e, e, e, e))).isEqualTo("ok");
        assertThat(again).hasValue(5);
        assertThat(clock.sleeps()).containsExactly(10L, 1L, 10L, 50L, 50L);
    }

    @Test
    void budgetStopsRetriesButNotFirstAttempts() throws Throwable {
        RetryBudget budget = new RetryBudget(4, 0.5);
        Retry r = retry(RetryConfig.builder().maxAttempts(5).build(), NO_JITTER).budget(budget).build();
        IOException e = new IOException();
        AtomicInteger calls = new AtomicInteger();
        // 4 tokens, threshold 2: failures at 4 -> 3 (retry ok), 3 -> 2 (no retry: 2 is not > 2).
        assertThatThrownBy(() -> r.execute(failing(calls, e, e, e, e, e))).isSameAs(e);
        assertThat(calls).hasValue(2);
        List<PhaseEvent> exhausted = sink.ofType(EventTypes.RETRY_BUDGET_EXHAUSTED);
        assertThat(exhausted).hasSize(1);
        assertThat(exhausted.get(0).fields()).containsEntry("tokens", 2.0);

        AtomicInteger next = new AtomicInteger();
        assertThatThrownBy(() -> r.execute(failing(next, e, e))).isSameAs(e);
        assertThat(next).as("the first attempt still runs").hasValue(1);

        // Successes refill by 0.5 each: from 1 token, 5 successes -> 3.5; the next failure leaves 2.5 > 2,
        // so its retry is allowed again.
        for (int i = 0; i < 5; i++) {
            r.execute(() -> "fine");
        }
        assertThat(budget.tokens()).isEqualTo(3.5);
        AtomicInteger recovered = new AtomicInteger();
        assertThat(r.execute(failing(recovered, e))).isEqualTo("ok");
        assertThat(recovered).hasValue(2);
    }

    @Test
    void defaultsAreDocumentedValues() {
        RetryConfig d = RetryConfig.DEFAULTS;
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThat(d.initialBackoffMs()).isEqualTo(100);
        assertThat(d.multiplier()).isEqualTo(2.0);
        assertThat(d.maxBackoffMs()).isEqualTo(2000);
        assertThat(RetryConfig.fromParams(Params.of(Map.of("retries", 0, "backoff-multiplier", "x")), null)
                .maxAttempts()).isEqualTo(1);
    }

    private static Object catchResult(Retry r, Attempt a) {
        try {
            return r.execute(a);
        } catch (Throwable t) {
            return t;
        }
    }
}
