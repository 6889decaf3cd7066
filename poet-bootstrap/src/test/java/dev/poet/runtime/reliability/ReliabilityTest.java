package dev.poet.runtime.reliability;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.breaker.BreakerOpenIOException;
import dev.poet.runtime.breaker.CircuitBreaker;
import dev.poet.runtime.breaker.CircuitState;
import dev.poet.runtime.deadline.Deadline;
import dev.poet.runtime.deadline.DeadlineExceededException;
import dev.poet.runtime.deadline.DeadlineExceededIOException;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.params.MissingParameterException;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.retry.RetryBudget;
import dev.poet.runtime.time.ManualClock;
import dev.poet.runtime.validate.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReliabilityTest {

    private final ManualClock clock = new ManualClock();
    private final InMemoryEventSink sink = new InMemoryEventSink();

    private static Map<String, Object> complete() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("retries", 3);
        p.put("backoff-initial-ms", 0);
        p.put("backoff-multiplier", 2.0);
        p.put("backoff-max-ms", 0);
        p.put("retry-budget-max-tokens", 100);
        p.put("retry-budget-token-ratio", 0.5);
        p.put("breaker-window", 4);
        p.put("breaker-min-calls", 4);
        p.put("breaker-failure-rate", 50);
        p.put("breaker-wait-ms", 1000);
        p.put("breaker-slow-call-ms", 0);
        p.put("breaker-slow-call-rate", 100);
        p.put("idempotent", true);
        p.put("constraint-mode", "report");
        return p;
    }

    private Reliability.Builder builder(ParamsRef ref) {
        return Reliability.builder("m", ref, sink, true, false).clock(clock).sleeper(clock).random(bound -> 0);
    }

    private static Attempt alwaysFailing(AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            throw new IOException("down");
        };
    }

    private static void set(ParamsRef ref, String key, Object value) {
        ref.set(ref.get().with(key, value));
    }

    @Test
    void attemptsFollowTheSnapshotFromTheNextCall() throws Throwable {
        ParamsRef ref = new ParamsRef(Params.of(complete()));
        Reliability r = builder(ref).build();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> r.execute(alwaysFailing(calls))).isInstanceOf(IOException.class);
        assertThat(calls).hasValue(3);
        set(ref, "retries", 1);
        calls.set(0);
        assertThatThrownBy(() -> r.execute(alwaysFailing(calls))).isInstanceOf(IOException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void derivedPartsSurviveASwapThatLeavesTheirParametersAlone() {
        ParamsRef ref = new ParamsRef(Params.of(complete()));
        Reliability r = builder(ref).breaker().build();
        RetryBudget budget = r.budget();
        CircuitBreaker breaker = r.breaker();
        set(ref, "retries", 5);
        assertThat(r.retryConfig().maxAttempts()).isEqualTo(5);
        assertThat(r.budget()).isSameAs(budget);
        assertThat(r.breaker()).isSameAs(breaker);
        set(ref, "retry-budget-max-tokens", 20);
        assertThat(r.budget()).isNotSameAs(budget);
        assertThat(r.budget().maxTokens()).isEqualTo(20);
        assertThat(r.breaker()).isSameAs(breaker);
    }

    @Test
    void anOpenBreakerStaysOpenWhenItsThresholdsChange() throws Throwable {
        ParamsRef ref = new ParamsRef(Params.of(complete()));
        Reliability r = builder(ref).breaker().build();
        set(ref, "retries", 1);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> r.execute(alwaysFailing(calls))).isInstanceOf(IOException.class);
        }
        assertThat(r.breaker().state()).isEqualTo(CircuitState.OPEN);
        set(ref, "breaker-window", 10);
        set(ref, "breaker-min-calls", 10);
        assertThat(r.breaker().config().windowSize()).isEqualTo(10);
        assertThat(r.breaker().state()).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> r.execute(alwaysFailing(calls))).isInstanceOf(BreakerOpenIOException.class);
        assertThat(calls).hasValue(4);
        clock.advanceMillis(1000);
        assertThatThrownBy(() -> r.execute(alwaysFailing(calls))).isInstanceOf(IOException.class)
                .isNotInstanceOf(BreakerOpenIOException.class);
        assertThat(calls).as("the wait counts from when it opened, under the new breaker-wait-ms").hasValue(5);
    }

    @Test
    void idempotentFalseMeansOneTryWithoutRetryEvents() throws Throwable {
        ParamsRef ref = new ParamsRef(Params.of(complete()));
        Reliability r = builder(ref).idempotency().build();
        set(ref, "idempotent", "false");
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> r.execute(alwaysFailing(calls))).isInstanceOf(IOException.class);
        assertThat(calls).hasValue(1);
        assertThat(sink.count(EventTypes.RETRY_EXHAUSTED)).isZero();
        assertThat(r.budget().tokens()).isEqualTo(100.0);
    }

    @Test
    void constraintModeIsReadFromTheSnapshot() {
        ParamsRef ref = new ParamsRef(Params.of(complete()));
        Reliability r = builder(ref).constraintMode().build();
        assertThat(r.constraintMode()).isEqualTo(Mode.REPORT);
        set(ref, "constraint-mode", "reject");
        assertThat(r.constraintMode()).isEqualTo(Mode.REJECT);
        set(ref, "constraint-mode", "sometimes");
        assertThat(r.constraintMode()).as("an unknown mode is refused, the previous kept").isEqualTo(Mode.REJECT);
        assertThat(sink.ofType(EventTypes.PARAMS_REJECTED)).singleElement()
                .satisfies(e -> assertThat((String) e.fields().get("reason")).contains("constraint-mode"));
    }

    @Test
    void aMissingParameterStopsTheWiringFromBeingBuilt() {
        Map<String, Object> p = complete();
        p.remove("retry-budget-token-ratio");
        assertThatThrownBy(() -> builder(new ParamsRef(Params.of(p))).build())
                .isInstanceOf(MissingParameterException.class).hasMessageContaining("retry-budget-token-ratio")
                .hasMessageContaining("template.properties");
        Map<String, Object> noBreaker = complete();
        noBreaker.remove("breaker-wait-ms");
        assertThat(builder(new ParamsRef(Params.of(noBreaker))).build()).as("only what is asked for is required")
                .isNotNull();
        assertThatThrownBy(() -> builder(new ParamsRef(Params.of(noBreaker))).breaker().build())
                .isInstanceOf(MissingParameterException.class).hasMessageContaining("breaker-wait-ms");
        assertThatThrownBy(() -> builder(new ParamsRef(Params.of(complete()))).deadline().build())
                .isInstanceOf(MissingParameterException.class).hasMessageContaining("timeout-ms");
    }

    @Test
    void theDeadlineAppearsChangesAndGoesWithTheSnapshot() {
        ParamsRef ref = new ParamsRef(Params.of(complete()));
        Reliability r = builder(ref).deadlineWhenSet().build();
        assertThat(r.deadline()).isNull();
        set(ref, "timeout-ms", 250);
        Deadline first = r.deadline();
        assertThat(first.timeoutMs()).isEqualTo(250);
        assertThat(first.isEnforced()).isTrue();
        set(ref, "retries", 2);
        assertThat(r.deadline()).isSameAs(first);
        set(ref, "timeout-ms", 0);
        assertThat(r.deadline()).isNull();
        set(ref, "timeout-ms", " ");
        assertThat(r.deadline()).as("blank is unset").isNull();
        set(ref, "timeout-ms", "soon");
        assertThat(r.deadline()).as("not a number: refused, the previous kept").isNull();
        assertThat(sink.count(EventTypes.PARAMS_REJECTED)).isEqualTo(1);
    }

    @Test
    void aTryThatHitTheMethodsOwnDeadlineIsRetried() throws Throwable {
        Map<String, Object> p = complete();
        p.put("timeout-ms", 100);
        Reliability r = Reliability.builder("m", new ParamsRef(Params.of(p)), sink, false, false).deadline().build();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch interrupted = new CountDownLatch(1);
        Object result = r.execute(() -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return "too late";
            }
            return "second";
        });
        assertThat(result).isEqualTo("second");
        assertThat(calls).hasValue(2);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anotherMethodsDeadlinePassingThroughIsNotRetried() throws Throwable {
        Map<String, Object> p = complete();
        p.put("timeout-ms", 5_000);
        Reliability r = Reliability.builder("m", new ParamsRef(Params.of(p)), sink, true, false).deadline().build();
        AtomicInteger calls = new AtomicInteger();
        DeadlineExceededIOException inner = new DeadlineExceededIOException("POET deadline exceeded by inner");
        assertThatThrownBy(() -> r.execute(() -> {
            calls.incrementAndGet();
            throw inner;
        })).isSameAs(inner);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theLastTimedOutTryReachesTheCallerAsTheDeadlinesOwnException() {
        Map<String, Object> p = complete();
        p.put("timeout-ms", 30);
        p.put("retries", 2);
        Reliability r = Reliability.builder("m", new ParamsRef(Params.of(p)), sink, false, false).deadline().build();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> r.execute(() -> {
            calls.incrementAndGet();
            Thread.sleep(2_000);
            return "never";
        })).isInstanceOf(DeadlineExceededException.class).satisfies(t -> assertThat(r.deadline().expired(t)).isTrue());
        assertThat(calls).hasValue(2);
    }
}
