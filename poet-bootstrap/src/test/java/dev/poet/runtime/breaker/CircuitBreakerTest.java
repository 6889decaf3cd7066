package dev.poet.runtime.breaker;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.retry.Retry;
import dev.poet.runtime.retry.RetryConfig;
import dev.poet.runtime.time.CoarseClock;
import dev.poet.runtime.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock();
    private final InMemoryEventSink sink = new InMemoryEventSink();
    private static final IOException DOWN = new IOException("down");

    private CircuitBreaker breaker(CircuitBreakerConfig config) {
        return CircuitBreaker.builder("m").config(config).events(sink).clock(clock).build();
    }

    private static final Attempt OK = () -> "ok";
    private static final Attempt FAIL = () -> {
        throw DOWN;
    };

    private static void call(CircuitBreaker b, Attempt a) {
        try {
            b.execute(a);
        } catch (Throwable ignored) {
            // outcome recorded by the breaker
        }
    }

    private List<String> transitions() {
        return sink.ofType(EventTypes.BREAKER_TRANSITION).stream()
                .map(e -> e.fields().get("from") + "->" + e.fields().get("to")).toList();
    }

    @Test
    void countBasedWindowOpensAtTheFailureRateAfterMinimumCalls() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(10).minimumCalls(4)
                .failureRateThreshold(50).build());
        call(b, FAIL);
        call(b, FAIL);
        call(b, FAIL);
        assertThat(b.state()).as("3 calls < minimum 4").isEqualTo(CircuitState.CLOSED);
        call(b, OK);
        assertThat(b.state()).as("4 calls, 75 % failures").isEqualTo(CircuitState.OPEN);
        assertThat(transitions()).containsExactly("CLOSED->OPEN");
        assertThat(sink.ofType(EventTypes.BREAKER_TRANSITION).get(0).fields()).containsEntry("reason", "failure-rate");
    }

    @Test
    void countBasedWindowForgetsOldOutcomes() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(4).minimumCalls(4)
                .failureRateThreshold(75).build());
        call(b, FAIL);
        call(b, FAIL);
        call(b, OK);
        call(b, OK);
        assertThat(b.failureRate()).isEqualTo(50.0);
        // The two failures slide out; two new ones come in: still 50 %, never 100 % as a growing count would say.
        call(b, FAIL);
        call(b, OK);
        call(b, FAIL);
        assertThat(b.failureRate()).isEqualTo(50.0);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        call(b, FAIL);
        assertThat(b.state()).as("now 75 %").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void openFailsFastWithTheRightTypeAndDoesNotRunTheAttempt() throws Throwable {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2).build();
        CircuitBreaker runtime = breaker(config);
        CircuitBreaker io = CircuitBreaker.builder("m").config(config).clock(clock).declaresIOException(true).build();
        AtomicInteger ran = new AtomicInteger();
        Attempt counting = () -> ran.incrementAndGet();
        for (CircuitBreaker b : new CircuitBreaker[]{runtime, io}) {
            call(b, FAIL);
            call(b, FAIL);
            assertThat(b.state()).isEqualTo(CircuitState.OPEN);
        }
        assertThatThrownBy(() -> runtime.execute(counting)).isInstanceOf(BreakerOpenException.class)
                .isInstanceOf(RuntimeException.class).isInstanceOf(DeliberateFailure.class).hasMessageContaining("m");
        assertThatThrownBy(() -> io.execute(counting)).isInstanceOf(BreakerOpenIOException.class)
                .isInstanceOf(IOException.class).isInstanceOf(DeliberateFailure.class);
        assertThat(ran).hasValue(0);
        assertThat(sink.count(EventTypes.BREAKER_NOT_PERMITTED)).isEqualTo(1);
    }

    @Test
    void fallbackAnswersRefusedCalls() throws Throwable {
        CircuitBreaker b = CircuitBreaker.builder("m").clock(clock).events(sink).fallback("cached")
                .config(CircuitBreakerConfig.builder().countBasedWindow(1).minimumCalls(1).build()).build();
        call(b, FAIL);
        assertThat(b.execute(OK)).isEqualTo("cached");
        assertThat(sink.count(EventTypes.BREAKER_FALLBACK)).isEqualTo(1);
    }

    @Test
    void halfOpenSuccessesClose() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2)
                .waitInOpenMs(1000).permittedCallsInHalfOpen(2).build());
        call(b, FAIL);
        call(b, FAIL);
        clock.advanceMillis(999);
        assertThatThrownBy(() -> b.execute(OK)).isInstanceOf(BreakerOpenException.class);
        clock.advanceMillis(1);
        assertThat(b.execute(OK)).isEqualTo("ok");
        assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(b.execute(OK)).isEqualTo("ok");
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(transitions()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(b.bufferedCalls()).as("a fresh window").isZero();
    }

    @Test
    void halfOpenFailureReopensAndPermitsAreLimited() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2)
                .waitInOpenMs(1000).permittedCallsInHalfOpen(1).build());
        call(b, FAIL);
        call(b, FAIL);
        clock.advanceMillis(1000);
        // A probe in flight takes the only permit: a concurrent caller is refused.
        AtomicInteger inner = new AtomicInteger();
        Object[] nested = new Object[1];
        Attempt probe = () -> {
            try {
                b.execute(() -> inner.incrementAndGet());
            } catch (BreakerOpenException e) {
                nested[0] = e;
            }
            throw DOWN;
        };
        assertThatThrownBy(() -> b.execute(probe)).isSameAs(DOWN);
        assertThat(nested[0]).isInstanceOf(BreakerOpenException.class);
        assertThat(inner).hasValue(0);
        assertThat(b.state()).isEqualTo(CircuitState.OPEN);
        assertThat(transitions()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        // The wait starts again from the reopening.
        clock.advanceMillis(999);
        assertThatThrownBy(() -> b.execute(OK)).isInstanceOf(BreakerOpenException.class);
    }

    @Test
    void slowCallsOpenTheBreaker() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(4).minimumCalls(4)
                .slowCallDurationMs(100).slowCallRateThreshold(50).build());
        Attempt slow = () -> {
            clock.advanceMillis(150);
            return "slow";
        };
        b.execute(OK);
        b.execute(slow);
        b.execute(OK);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(b.execute(slow)).as("a slow success still returns its value").isEqualTo("slow");
        assertThat(b.state()).isEqualTo(CircuitState.OPEN);
        assertThat(sink.ofType(EventTypes.BREAKER_TRANSITION).get(0).fields()).containsEntry("reason",
                "slow-call-rate");
    }

    @Test
    void withoutAnInjectedClockSlowCallsAreTimedByTheCoarseClock() throws Throwable {
        CircuitBreaker b = CircuitBreaker.builder("m").events(sink).config(CircuitBreakerConfig.builder()
                .countBasedWindow(4).minimumCalls(4).slowCallDurationMs(50).slowCallRateThreshold(50).build()).build();
        assertThat(CoarseClock.running()).as("a breaker that times calls starts the ticker").isTrue();
        Attempt slow = () -> {
            Thread.sleep(150);
            return "slow";
        };
        b.execute(OK);
        b.execute(slow);
        b.execute(OK);
        assertThat(b.state()).as("one slow call in three").isEqualTo(CircuitState.CLOSED);
        b.execute(slow);
        assertThat(b.state()).isEqualTo(CircuitState.OPEN);
        assertThat(sink.ofType(EventTypes.BREAKER_TRANSITION).get(0).fields()).containsEntry("reason",
                "slow-call-rate");
    }

    @Test
    void aReconfiguredBreakerKeepsTheInjectedClock() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2)
                .slowCallDurationMs(100).slowCallRateThreshold(100).build())
                .reconfigured(CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2)
                        .slowCallDurationMs(100).slowCallRateThreshold(100).build());
        Attempt slowOnTheManualClock = () -> {
            clock.advanceMillis(150);
            return "slow";
        };
        b.execute(slowOnTheManualClock);
        b.execute(slowOnTheManualClock);
        assertThat(b.state()).as("durations still come from the injected clock").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void timeBasedWindowCountsOnlyRecentSeconds() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().timeBasedWindow(10).minimumCalls(4)
                .failureRateThreshold(50).build());
        call(b, FAIL);
        call(b, FAIL);
        call(b, FAIL);
        clock.advanceMillis(10_000);
        // The three failures are 10 s old: out of the window.
        call(b, OK);
        call(b, OK);
        call(b, OK);
        call(b, FAIL);
        assertThat(b.failureRate()).isEqualTo(25.0);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        clock.advanceMillis(5_000);
        call(b, FAIL);
        assertThat(b.bufferedCalls()).isEqualTo(5);
        assertThat(b.failureRate()).isEqualTo(40.0);
        call(b, FAIL);
        assertThat(b.state()).as("3 of 6 recent calls failed").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void timeBasedWindowOpensWhenOldSuccessesExpire() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().timeBasedWindow(5).minimumCalls(2)
                .failureRateThreshold(60).build());
        for (int i = 0; i < 8; i++) {
            call(b, OK);
        }
        clock.advanceMillis(3000);
        call(b, FAIL);
        call(b, OK);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        clock.advanceMillis(2500);
        call(b, FAIL);
        // Window now: FAIL, OK (3 s ago) and FAIL: 66 %.
        assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void onlyClassifiedFailuresCount() throws Throwable {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2).build());
        IllegalArgumentException bad = new IllegalArgumentException();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> b.execute(() -> {
                throw bad;
            })).isSameAs(bad);
        }
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(b.failureRate()).isZero();

        CircuitBreaker all = breaker(CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2)
                .classifier(t -> true).build());
        call(all, () -> {
            throw bad;
        });
        call(all, () -> {
            throw bad;
        });
        assertThat(all.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void retryThroughBreakerStopsWhenItOpens() {
        CircuitBreaker b = breaker(CircuitBreakerConfig.builder().countBasedWindow(2).minimumCalls(2).build());
        Retry retry = Retry.builder("m").config(RetryConfig.builder().maxAttempts(5).build()).clock(clock)
                .sleeper(clock).random(bound -> 0).events(sink).build();
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> retry.execute(() -> {
            ran.incrementAndGet();
            throw DOWN;
        }, b)).isInstanceOf(BreakerOpenException.class);
        assertThat(ran).as("two attempts open the breaker, the third is refused and not retried").hasValue(2);
    }

    @Test
    void invalidConfigurationIsRefused() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().countBasedWindow(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countBasedWindowStaysExactUnderContention() throws Exception {
        // Threshold 100 %: never opens while successes are mixed in, so every call is recorded.
        CircuitBreaker b = CircuitBreaker.builder("m").config(CircuitBreakerConfig.builder().countBasedWindow(64)
                .minimumCalls(64).failureRateThreshold(100).build()).build();
        int threads = 8;
        int perThread = 10_000;
        AtomicLong ran = new AtomicLong();
        AtomicLong surprises = new AtomicLong();
        runConcurrently(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                try {
                    b.execute(i % 4 == 0 ? FAIL : (Attempt) () -> ran.incrementAndGet());
                } catch (Throwable t) {
                    if (t != DOWN) {
                        surprises.incrementAndGet();
                    }
                }
            }
        });
        assertThat(surprises).hasValue(0);
        assertThat(ran).hasValue(threads * perThread * 3L / 4);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(b.bufferedCalls()).isEqualTo(64);
        // Counters agree with the ring: at quiescence the rate is a multiple of 1/64 and between 0 and 100.
        double rate = b.failureRate();
        assertThat(rate * 64 / 100).isCloseTo(Math.rint(rate * 64 / 100), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rate).isBetween(0.0, 100.0);
    }

    @Test
    void concurrentFailuresOpenOnceAndHalfOpenAdmitsExactlyThePermittedProbes() throws Exception {
        ManualClock shared = new ManualClock();
        InMemoryEventSink events = new InMemoryEventSink();
        CircuitBreaker b = CircuitBreaker.builder("m").clock(shared).events(events)
                .config(CircuitBreakerConfig.builder().countBasedWindow(100).minimumCalls(100).waitInOpenMs(1000)
                        .permittedCallsInHalfOpen(5).build()).build();
        AtomicLong refused = new AtomicLong();
        AtomicLong ran = new AtomicLong();
        int threads = 8;
        int perThread = 10_000;
        runConcurrently(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                try {
                    b.execute(() -> {
                        ran.incrementAndGet();
                        throw DOWN;
                    });
                } catch (BreakerOpenException e) {
                    refused.incrementAndGet();
                } catch (Throwable t) {
                    // DOWN
                }
            }
        });
        assertThat(ran.get() + refused.get()).isEqualTo((long) threads * perThread);
        assertThat(ran.get()).as("at most the window plus calls already admitted").isBetween(100L, 100L + threads);
        assertThat(events.ofType(EventTypes.BREAKER_TRANSITION)).hasSize(1);

        // Half-open under contention: exactly 5 probes run; all succeed, so it closes once.
        shared.advanceMillis(1000);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong probes = new AtomicLong();
        AtomicLong probeRefused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads * 4; t++) {
            pool.execute(() -> {
                try {
                    b.execute(() -> {
                        probes.incrementAndGet();
                        release.await();
                        return "ok";
                    });
                } catch (BreakerOpenException e) {
                    probeRefused.incrementAndGet();
                } catch (Throwable ignored) {
                    // none expected
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Every task must have been admitted or refused before the probes finish: a task still queued when the
        // breaker closes would be admitted as an ordinary call. Three threads stay free to refuse the rest.
        while (probes.get() + probeRefused.get() < threads * 4 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        release.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(probes).hasValue(5);
        assertThat(probeRefused).hasValue(threads * 4 - 5L);
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        List<PhaseEvent> all = events.ofType(EventTypes.BREAKER_TRANSITION);
        assertThat(all).extracting(e -> e.fields().get("to")).containsExactly("OPEN", "HALF_OPEN", "CLOSED");
    }

    private static void runConcurrently(int threads, Runnable body) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.run();
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
}
