package dev.poet.bench.runtime;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.breaker.CircuitBreaker;
import dev.poet.runtime.breaker.CircuitBreakerConfig;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.retry.Retry;
import dev.poet.runtime.retry.RetryBudget;
import dev.poet.runtime.retry.RetryConfig;
import dev.poet.runtime.time.Clock;
import io.github.resilience4j.core.functions.CheckedSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The cost of retry + circuit breaker around a call that succeeds the first time: direct call, Resilience4j
 * (Retry and CircuitBreaker decorators built once, defaults) and POET's runtime (Retry through a CircuitBreaker,
 * with a retry budget and per-call parameters, as generated code uses them; once with the default configuration,
 * once with slow-call detection on, as Resilience4j has by default, timed by the coarse clock as the breaker does
 * unless given a clock, and once with slow-call detection timed by {@code System.nanoTime}). Run with
 * {@code -prof gc} to see the allocation per call.
 *
 * <p>The guarded call increments a field and returns a preallocated object, so that any allocation measured is
 * the wrapper's, not the call's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RetryBreakerBenchmark {

    private static final Object RESULT = new Object();

    private int counter;

    private CheckedSupplier<Object> resilience4j;
    private Retry poetRetry;
    private CircuitBreaker poetBreaker;
    private CircuitBreaker poetTimedBreaker;
    private CircuitBreaker poetNanoTimedBreaker;
    private Attempt poetAttempt;

    Object call() {
        counter++;
        return RESULT;
    }

    @Setup
    public void setUp() {
        io.github.resilience4j.retry.Retry r4jRetry = io.github.resilience4j.retry.Retry.ofDefaults("bench");
        io.github.resilience4j.circuitbreaker.CircuitBreaker r4jBreaker =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("bench");
        CheckedSupplier<Object> supplier = this::call;
        resilience4j = io.github.resilience4j.retry.Retry.decorateCheckedSupplier(r4jRetry,
                io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateCheckedSupplier(r4jBreaker, supplier));

        poetRetry = Retry.builder("bench").config(RetryConfig.DEFAULTS).params(new ParamsRef(Params.EMPTY))
                .budget(new RetryBudget()).build();
        poetBreaker = CircuitBreaker.builder("bench").build();
        // Resilience4j times every call (slow-call detection, 60 s); ours does only when asked: measure both.
        CircuitBreakerConfig slowCalls = CircuitBreakerConfig.builder().slowCallDurationMs(60_000).build();
        poetTimedBreaker = CircuitBreaker.builder("bench").config(slowCalls).build();
        poetNanoTimedBreaker = CircuitBreaker.builder("bench").config(slowCalls).clock(Clock.SYSTEM).build();
        poetAttempt = new Attempt() {
            @Override
            public Object run() {
                return call();
            }
        };
    }

    @Benchmark
    public Object baseline() {
        return call();
    }

    @Benchmark
    public Object resilience4j() throws Throwable {
        return resilience4j.get();
    }

    @Benchmark
    public Object poet() throws Throwable {
        return poetRetry.execute(poetAttempt, poetBreaker);
    }

    /**
     * As {@link #poet()} with slow-call detection on (60 s, Resilience4j's default), timed as the breaker does by
     * default: two reads of the coarse clock (volatile reads) more.
     */
    @Benchmark
    public Object poetSlowCallDetection() throws Throwable {
        return poetRetry.execute(poetAttempt, poetTimedBreaker);
    }

    /** As {@link #poetSlowCallDetection()}, timed with {@code System.nanoTime}: what the coarse clock saves. */
    @Benchmark
    public Object poetSlowCallDetectionNanoTime() throws Throwable {
        return poetRetry.execute(poetAttempt, poetNanoTimedBreaker);
    }
}
