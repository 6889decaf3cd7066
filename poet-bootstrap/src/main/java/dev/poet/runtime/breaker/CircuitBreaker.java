package dev.poet.runtime.breaker;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.FailureClassifier;
import dev.poet.runtime.deadline.Deadline;
import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.time.Clock;
import dev.poet.runtime.time.CoarseClock;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A circuit breaker for one method: CLOSED (calls pass, outcomes fill a count- or time-based sliding window),
 * OPEN (calls are refused for {@link CircuitBreakerConfig#waitInOpenMs()}), HALF_OPEN (a few probe calls decide).
 * It opens when, with at least the minimum number of calls in the window, the failure rate or the slow-call rate
 * reaches its threshold. Every transition emits {@value EventTypes#BREAKER_TRANSITION}; every refused call emits
 * {@value EventTypes#BREAKER_NOT_PERMITTED} (or {@value EventTypes#BREAKER_FALLBACK} when a fallback answers it).
 *
 * <p>A refused call throws {@link BreakerOpenIOException} when the method declares {@code IOException}, else
 * {@link BreakerOpenException} (both {@link dev.poet.runtime.DeliberateFailure}s), or returns the fallback value
 * when one is configured. The attempt's own failures always propagate as the same instance.
 *
 * <p>Calls are timed (for slow-call detection and a time-based window) with {@link Clock#COARSE} unless a clock is
 * injected: a call then costs two volatile reads more instead of two {@code System.nanoTime} reads, and its
 * duration is good to about a millisecond, which is what thresholds in milliseconds need. A breaker that times
 * calls with it starts the {@link CoarseClock}'s ticker.
 *
 * <p>Thread-safe and lock-free: the state is one immutable holder swapped by compare-and-set, and the closed path
 * is, in the healthy steady state, a few volatile reads (plus two reads of the call clock with slow-call
 * detection, one with a time-based window). No allocation on the closed path.
 */
public final class CircuitBreaker {

    private final CircuitBreakerConfig config;
    private final FailureClassifier classifier;
    private final EventEmitter events;
    private final Clock clock;
    /** Times calls; the injected clock when there is one, else the coarse clock. */
    private final Clock callClock;
    /** The clock the builder was given, or null: a reconfigured breaker keeps the same choice. */
    private final Clock injectedClock;
    private final boolean declaresIOException;
    private final boolean hasFallback;
    private final Object fallback;
    private final long slowCallNanos;
    private final boolean slowCalls;
    /** Whether calls are timed at all: only for slow-call detection or a time-based window. */
    private final boolean timed;
    private final long waitInOpenNanos;
    private final AtomicReference<State> state;
    private final PhaseEventSink sink;

    private CircuitBreaker(Builder b) {
        this.sink = b.sink;
        this.config = b.config == null ? CircuitBreakerConfig.DEFAULTS : b.config;
        this.classifier = config.classifier();
        this.injectedClock = b.clock;
        this.clock = b.clock == null ? Clock.SYSTEM : b.clock;
        this.callClock = b.clock == null ? Clock.COARSE : b.clock;
        this.events = new EventEmitter(b.sink, b.methodKey, clock);
        this.declaresIOException = b.declaresIOException;
        this.hasFallback = b.hasFallback;
        this.fallback = b.fallback;
        this.slowCalls = config.slowCallDurationMs() > 0;
        this.slowCallNanos = slowCalls ? config.slowCallDurationMs() * 1_000_000L : Long.MAX_VALUE;
        this.timed = slowCalls || config.windowType() == WindowType.TIME_BASED;
        if (timed && callClock == Clock.COARSE) {
            CoarseClock.start();
        }
        this.waitInOpenNanos = config.waitInOpenMs() * 1_000_000L;
        this.state = new AtomicReference<>(closed());
    }

    /**
     * A breaker with the system clock and no fallback.
     *
     * @param methodKey           the method events and refusals name
     * @param config              {@code null} means {@link CircuitBreakerConfig#DEFAULTS}
     * @param sink                where decisions go; {@code null} means none
     * @param declaresIOException whether refusals must be {@code IOException}s
     */
    public CircuitBreaker(String methodKey, CircuitBreakerConfig config, PhaseEventSink sink,
                          boolean declaresIOException) {
        this(builder(methodKey).config(config).events(sink).declaresIOException(declaresIOException));
    }

    /** A builder for the method {@code methodKey}; every other setting has a documented default. */
    public static Builder builder(String methodKey) {
        return new Builder(methodKey);
    }

    /**
     * Runs {@code attempt} if the breaker permits it and records its outcome.
     *
     * @return the attempt's result, or the fallback value when the call is refused and a fallback is configured
     * @throws Throwable the attempt's own failure (same instance), or a breaker-open exception when refused
     */
    public Object execute(Attempt attempt) throws Throwable {
        return execute(attempt, null);
    }

    /**
     * Runs {@code attempt} under {@code deadline} if the breaker permits it, and records its outcome: the
     * deadline's own time-out counts as a failure (a dependency that does not answer in time is unhealthy), the
     * attempt's failures as the classifier says. Allocation-free, unlike wrapping the deadline in an
     * {@link Attempt}.
     *
     * @param deadline {@code null} means none
     */
    public Object execute(Attempt attempt, Deadline deadline) throws Throwable {
        State s = state.get();
        if (s.state != CircuitState.CLOSED) {
            s = acquireProbe(s);
            if (s == null) {
                return refuse();
            }
        }
        long start = slowCalls ? callClock.nanoTime() : 0L;
        Object result;
        try {
            result = deadline == null ? attempt.run() : deadline.execute(attempt);
        } catch (Throwable t) {
            record(s, start, classifier.isTransient(t) || (deadline != null && deadline.expired(t)));
            throw t;
        }
        record(s, start, false);
        return result;
    }

    /** The current state; OPEN stays OPEN here until a call arrives after the wait duration. */
    public CircuitState state() {
        return state.get().state;
    }

    /**
     * The failure rate of the current window (or half-open probes so far), in percent; {@code -1} when the window
     * holds fewer than the minimum number of calls or the breaker is open. For metrics and tests.
     */
    public double failureRate() {
        State s = state.get();
        if (s.window == null) {
            return -1;
        }
        long[] totals = s.window.snapshot(clock.nanoTime());
        int minimum = s.state == CircuitState.HALF_OPEN ? 1
                : config.windowType() == WindowType.COUNT_BASED
                ? Math.min(config.minimumCalls(), config.windowSize()) : config.minimumCalls();
        return totals[0] < minimum ? -1 : totals[1] * 100.0 / totals[0];
    }

    /** The number of calls in the current window (or completed probes when half-open); 0 when open. */
    public long bufferedCalls() {
        State s = state.get();
        return s.window == null ? 0 : s.window.snapshot(clock.nanoTime())[0];
    }

    /** Forces the breaker CLOSED with an empty window (an operator's reset); emits a transition event. */
    public void reset() {
        State current = state.get();
        State next = closed();
        state.set(next);
        if (current.state != CircuitState.CLOSED) {
            emitTransition(current.state, CircuitState.CLOSED, "reset");
        }
    }

    /**
     * A breaker for the same method with {@code config}, for a parameter swap that changed the breaker's settings.
     * An OPEN breaker stays OPEN, its wait counted from when it opened (a swap must not let a flood through to a
     * dependency that is down); a HALF_OPEN one starts probing afresh under the new settings; a CLOSED one starts
     * with an empty window, since outcomes recorded under another window size and thresholds do not carry over.
     * This breaker is left unchanged.
     */
    public CircuitBreaker reconfigured(CircuitBreakerConfig config) {
        Builder b = builder(events.methodKey()).config(config).events(sink).clock(injectedClock)
                .declaresIOException(declaresIOException);
        if (hasFallback) {
            b.fallback(fallback);
        }
        CircuitBreaker next = b.build();
        State s = state.get();
        if (s.state == CircuitState.OPEN) {
            next.state.set(new State(CircuitState.OPEN, s.sinceNanos, null));
        } else if (s.state == CircuitState.HALF_OPEN) {
            next.state.set(new State(CircuitState.HALF_OPEN, clock.nanoTime(), new HalfOpenProbes(
                    next.config.permittedCallsInHalfOpen(), next.config.failureRateThreshold(),
                    next.config.slowCallRateThreshold())));
        }
        return next;
    }

    /** The configuration. */
    public CircuitBreakerConfig config() {
        return config;
    }

    private State acquireProbe(State s) {
        while (true) {
            if (s.state == CircuitState.CLOSED) {
                return s;
            }
            if (s.state == CircuitState.OPEN) {
                if (clock.nanoTime() - s.sinceNanos < waitInOpenNanos) {
                    return null;
                }
                State probing = new State(CircuitState.HALF_OPEN, clock.nanoTime(), new HalfOpenProbes(
                        config.permittedCallsInHalfOpen(), config.failureRateThreshold(),
                        config.slowCallRateThreshold()));
                if (state.compareAndSet(s, probing)) {
                    emitTransition(CircuitState.OPEN, CircuitState.HALF_OPEN, "wait-elapsed");
                }
                s = state.get();
                continue;
            }
            return ((HalfOpenProbes) s.window).tryAcquire() ? s : null;
        }
    }

    private Object refuse() throws Exception {
        CircuitState current = state.get().state;
        if (hasFallback) {
            events.emit(EventTypes.BREAKER_FALLBACK, "state", current.name());
            return fallback;
        }
        events.emit(EventTypes.BREAKER_NOT_PERMITTED, "state", current.name());
        throw BreakerOpenException.create(events.methodKey(), current, declaresIOException);
    }

    private void record(State s, long startNanos, boolean failure) {
        // A count-based window without slow-call detection needs no time at all: no clock read on that path.
        long end = timed ? callClock.nanoTime() : 0L;
        int outcome = (failure ? SlidingWindow.FAILURE : SlidingWindow.SUCCESS)
                | (slowCallNanos != Long.MAX_VALUE && end - startNanos >= slowCallNanos ? SlidingWindow.SLOW : 0);
        int verdict = s.window.record(end, outcome);
        if (s.state == CircuitState.CLOSED) {
            if (verdict != SlidingWindow.BELOW) {
                open(s, verdict);
            }
        } else if (verdict == SlidingWindow.BELOW) {
            if (state.compareAndSet(s, closed())) {
                emitTransition(CircuitState.HALF_OPEN, CircuitState.CLOSED, "probes-succeeded");
            }
        } else if (verdict != HalfOpenProbes.UNDECIDED) {
            open(s, verdict);
        }
    }

    private void open(State from, int verdict) {
        // Read here, not passed in: an untimed call has no end time, and the wait must start now.
        if (state.compareAndSet(from, new State(CircuitState.OPEN, clock.nanoTime(), null))) {
            emitTransition(from.state, CircuitState.OPEN,
                    verdict == SlidingWindow.FAILURE_RATE ? "failure-rate" : "slow-call-rate");
        }
    }

    private void emitTransition(CircuitState from, CircuitState to, String reason) {
        events.emit(EventTypes.BREAKER_TRANSITION, "from", from.name(), "to", to.name(), "reason", reason);
    }

    private State closed() {
        SlidingWindow window = config.windowType() == WindowType.COUNT_BASED
                ? new CountWindow(config.windowSize(), config.minimumCalls(), config.failureRateThreshold(),
                config.slowCallRateThreshold())
                : new TimeWindow(config.windowSize(), config.minimumCalls(), config.failureRateThreshold(),
                config.slowCallRateThreshold());
        return new State(CircuitState.CLOSED, clock.nanoTime(), window);
    }

    /** One state and what belongs to it; replaced whole, so a transition is a single compare-and-set. */
    private static final class State {
        final CircuitState state;
        final long sinceNanos;
        /** The sliding window when CLOSED, the probes when HALF_OPEN, null when OPEN. */
        final SlidingWindow window;

        State(CircuitState state, long sinceNanos, SlidingWindow window) {
            this.state = state;
            this.sinceNanos = sinceNanos;
            this.window = window;
        }
    }

    /** Mutable builder of {@link CircuitBreaker}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private final String methodKey;
        private CircuitBreakerConfig config;
        private PhaseEventSink sink;
        private Clock clock;
        private boolean declaresIOException;
        private boolean hasFallback;
        private Object fallback;

        private Builder(String methodKey) {
            this.methodKey = methodKey;
        }

        /** The settings; default {@link CircuitBreakerConfig#DEFAULTS}. */
        public Builder config(CircuitBreakerConfig config) {
            this.config = config;
            return this;
        }

        /** Where decisions go; default {@link PhaseEventSink#NONE}. */
        public Builder events(PhaseEventSink sink) {
            this.sink = sink;
            return this;
        }

        /**
         * Durations, window buckets and event timestamps, all from this one clock (for tests). Default:
         * {@link Clock#COARSE} times calls, {@link Clock#SYSTEM} the rest.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Whether the method declares {@code IOException} (pass {@code context.declares(IOException.class)}):
         * refusals are then {@link BreakerOpenIOException}s. Default false.
         */
        public Builder declaresIOException(boolean declaresIOException) {
            this.declaresIOException = declaresIOException;
            return this;
        }

        /**
         * Answer refused calls with {@code value} (may be {@code null}) instead of throwing. Default: throw. The
         * value must be of the method's return type (boxed).
         */
        public Builder fallback(Object value) {
            this.hasFallback = true;
            this.fallback = value;
            return this;
        }

        /** The breaker, CLOSED. */
        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }
    }
}
