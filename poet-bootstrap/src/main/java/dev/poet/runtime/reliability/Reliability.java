package dev.poet.runtime.reliability;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.FailureClassifier;
import dev.poet.runtime.breaker.CircuitBreaker;
import dev.poet.runtime.breaker.CircuitBreakerConfig;
import dev.poet.runtime.deadline.Deadline;
import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Derived;
import dev.poet.runtime.params.MissingParameterException;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.retry.ResultPredicate;
import dev.poet.runtime.retry.Retry;
import dev.poet.runtime.retry.RetryAfterSource;
import dev.poet.runtime.retry.RetryBudget;
import dev.poet.runtime.retry.RetryConfig;
import dev.poet.runtime.time.Clock;
import dev.poet.runtime.time.RandomSource;
import dev.poet.runtime.time.Sleeper;
import dev.poet.runtime.validate.Mode;

/**
 * One method's Operate′ wiring, as every domain template uses it: retries with backoff and a retry budget, and,
 * where the template asks for them, a circuit breaker around every attempt, an enforced per-attempt deadline, the
 * {@code idempotent} switch and a {@code constraint-mode}. Generated code builds one in its constructor and calls
 * {@link #execute(Attempt)} with {@code call.attempt(args)}.
 *
 * <p><b>Every parameter is read from the method's current snapshot</b> ({@link ParamsRef}): the wiring is derived
 * again whenever the snapshot instance changes, so a swap changes attempts, backoff, budget, breaker thresholds,
 * deadline and constraint mode from the next call on; between swaps a call costs one identity check and allocates
 * nothing here. Across a swap, the retry budget keeps its tokens and the breaker its window and state when their
 * own parameters did not change; when the breaker's did, see {@link CircuitBreaker#reconfigured}.
 *
 * <p><b>No default is written here.</b> Each parameter's default lives in its template's
 * {@code template.properties}, which the engine merges into the snapshot; a parameter the wiring needs and the
 * snapshot lacks is a {@link MissingParameterException} when the enhancement is built (so it is not activated)
 * and a refused swap later (see {@link Derived}). Keys (always): {@value #RETRIES}, {@value #BACKOFF_INITIAL_MS},
 * {@value #BACKOFF_MULTIPLIER}, {@value #BACKOFF_MAX_MS}, {@value #BUDGET_MAX_TOKENS}, {@value #BUDGET_TOKEN_RATIO};
 * with {@link Builder#breaker()}: {@value #BREAKER_WINDOW}, {@value #BREAKER_MIN_CALLS},
 * {@value #BREAKER_FAILURE_RATE}, {@value #BREAKER_WAIT_MS}, {@value #BREAKER_SLOW_CALL_MS},
 * {@value #BREAKER_SLOW_CALL_RATE}; with {@link Builder#deadline()}: {@value #TIMEOUT_MS}
 * (optional with {@link Builder#deadlineWhenSet()}); with {@link Builder#idempotency()}: {@value #IDEMPOTENT};
 * with {@link Builder#constraintMode()}: {@value #CONSTRAINT_MODE}.
 *
 * <p>A try that hits the method's own deadline is retried like any time-out (see
 * {@link Retry#execute(RetryConfig, RetryBudget, Attempt, CircuitBreaker, Deadline)}). Thread-safe.
 */
public final class Reliability {

    public static final String RETRIES = RetryConfig.KEY_RETRIES;
    public static final String BACKOFF_INITIAL_MS = RetryConfig.KEY_BACKOFF_INITIAL_MS;
    public static final String BACKOFF_MULTIPLIER = RetryConfig.KEY_BACKOFF_MULTIPLIER;
    public static final String BACKOFF_MAX_MS = RetryConfig.KEY_BACKOFF_MAX_MS;
    public static final String BUDGET_MAX_TOKENS = "retry-budget-max-tokens";
    public static final String BUDGET_TOKEN_RATIO = "retry-budget-token-ratio";
    public static final String BREAKER_WINDOW = "breaker-window";
    public static final String BREAKER_MIN_CALLS = "breaker-min-calls";
    public static final String BREAKER_FAILURE_RATE = "breaker-failure-rate";
    public static final String BREAKER_WAIT_MS = "breaker-wait-ms";
    /** Calls taking at least this many milliseconds are slow; 0 turns slow-call detection off. */
    public static final String BREAKER_SLOW_CALL_MS = "breaker-slow-call-ms";
    /** Percent of slow calls in the window, in (0, 100], at which the breaker opens. */
    public static final String BREAKER_SLOW_CALL_RATE = "breaker-slow-call-rate";
    public static final String TIMEOUT_MS = "timeout-ms";
    public static final String IDEMPOTENT = "idempotent";
    public static final String CONSTRAINT_MODE = "constraint-mode";

    private final String methodKey;
    private final PhaseEventSink sink;
    private final boolean declaresIOException;
    private final boolean synchronizedMethod;
    private final RetryConfig base;
    private final boolean breaker;
    private final boolean deadline;
    private final boolean deadlineOptional;
    private final boolean idempotency;
    private final boolean constraintMode;
    private final Clock clock;
    /** The injected clock or null: the breaker then times calls with its own coarse clock. */
    private final Clock breakerClock;
    private final Retry retry;
    private final Derived<Wiring> wiring;

    private Reliability(Builder b) {
        this.methodKey = b.methodKey;
        this.sink = b.sink;
        this.declaresIOException = b.declaresIOException;
        this.synchronizedMethod = b.synchronizedMethod;
        RetryConfig.Builder config = RetryConfig.builder().classifier(b.classifier).retryOnResult(b.resultPredicate)
                .retryAfterSource(b.retryAfterSource);
        this.base = config.build();
        this.breaker = b.breaker;
        this.deadline = b.deadline;
        this.deadlineOptional = b.deadlineOptional;
        this.idempotency = b.idempotency;
        this.constraintMode = b.constraintMode;
        this.clock = b.clock == null ? Clock.SYSTEM : b.clock;
        this.breakerClock = b.clock;
        this.retry = Retry.builder(methodKey).events(sink).clock(clock).sleeper(b.sleeper).random(b.random)
                .mayWait(!synchronizedMethod).build();
        this.wiring = new Derived<Wiring>(b.params, new Derived.Deriver<Wiring>() {
            @Override
            public Wiring derive(Params params, Wiring previous) {
                return new Wiring(Reliability.this, params, previous);
            }
        }, new EventEmitter(sink, methodKey, clock));
    }

    /**
     * A builder for one method.
     *
     * @param methodKey           the method events and failures name ({@code ctx.key()})
     * @param params              its parameters ({@code ctx.paramsRef()}), read on every call
     * @param sink                where decisions go ({@code ctx.events()})
     * @param declaresIOException whether the method declares {@code IOException}: refusals and time-outs are then
     *                            {@code IOException}s
     * @param synchronizedMethod  whether the method holds a monitor: no backoff sleep, no deadline on another thread
     */
    public static Builder builder(String methodKey, ParamsRef params, PhaseEventSink sink,
                                  boolean declaresIOException, boolean synchronizedMethod) {
        return new Builder(methodKey, params, sink, declaresIOException, synchronizedMethod);
    }

    /**
     * Runs {@code attempt} (the original, {@code call.attempt(args)}) as the current parameters say.
     *
     * @throws Throwable exactly the instance the last try threw (the original's failure, a breaker refusal or a
     *                   deadline time-out)
     */
    public Object execute(Attempt attempt) throws Throwable {
        Wiring w = wiring.get();
        if (!w.idempotent) {
            // Exactly one try: neither a retry decision nor the budget is involved, so neither reports anything.
            if (w.breaker != null) {
                return w.breaker.execute(attempt, w.deadline);
            }
            return w.deadline != null ? w.deadline.execute(attempt) : attempt.run();
        }
        return retry.execute(w.config, w.budget, attempt, w.breaker, w.deadline);
    }

    /** The {@code constraint-mode} of the current parameters; {@link Mode#REPORT} when the template has none. */
    public Mode constraintMode() {
        return wiring.get().mode;
    }

    /** The retry settings the next call uses. */
    public RetryConfig retryConfig() {
        return wiring.get().config;
    }

    /** The retry budget the next call draws on. */
    public RetryBudget budget() {
        return wiring.get().budget;
    }

    /** The breaker the next call goes through, or {@code null}. */
    public CircuitBreaker breaker() {
        return wiring.get().breaker;
    }

    /**
     * The breaker the last call went through, or {@code null}; unlike {@link #breaker()} it never derives the
     * wiring of newer parameters, so an observer reading it changes nothing.
     */
    public CircuitBreaker lastBreaker() {
        return wiring.peek().breaker;
    }

    /** The deadline the next call's tries run under, or {@code null}. */
    public Deadline deadline() {
        return wiring.get().deadline;
    }

    /** Everything derived from one snapshot; immutable. */
    private static final class Wiring {
        final boolean idempotent;
        final RetryConfig config;
        final int maxTokens;
        final double tokenRatio;
        final RetryBudget budget;
        final int breakerWindow;
        final int breakerMinCalls;
        final double breakerFailureRate;
        final long breakerWaitMs;
        final long breakerSlowCallMs;
        final double breakerSlowCallRate;
        final CircuitBreaker breaker;
        final long timeoutMs;
        final Deadline deadline;
        final Mode mode;

        Wiring(Reliability r, Params p, Wiring previous) {
            this.idempotent = !r.idempotency || p.requireBoolean(IDEMPOTENT);
            this.config = r.base.toBuilder().maxAttempts(p.requireInt(RETRIES))
                    .initialBackoffMs(p.requireLong(BACKOFF_INITIAL_MS))
                    .multiplier(p.requireDouble(BACKOFF_MULTIPLIER))
                    .maxBackoffMs(p.requireLong(BACKOFF_MAX_MS)).build();
            this.maxTokens = p.requireInt(BUDGET_MAX_TOKENS);
            this.tokenRatio = p.requireDouble(BUDGET_TOKEN_RATIO);
            this.budget = previous != null && previous.maxTokens == maxTokens && previous.tokenRatio == tokenRatio
                    ? previous.budget : new RetryBudget(maxTokens, tokenRatio);
            if (r.breaker) {
                this.breakerWindow = p.requireInt(BREAKER_WINDOW);
                this.breakerMinCalls = p.requireInt(BREAKER_MIN_CALLS);
                this.breakerFailureRate = p.requireDouble(BREAKER_FAILURE_RATE);
                this.breakerWaitMs = p.requireLong(BREAKER_WAIT_MS);
                this.breakerSlowCallMs = p.requireLong(BREAKER_SLOW_CALL_MS);
                this.breakerSlowCallRate = p.requireDouble(BREAKER_SLOW_CALL_RATE);
                if (breakerSlowCallMs < 0) {
                    throw new MissingParameterException(BREAKER_SLOW_CALL_MS, "must be 0 (off) or more: "
                            + breakerSlowCallMs);
                }
                if (!(breakerSlowCallRate > 0 && breakerSlowCallRate <= 100)) {
                    throw new MissingParameterException(BREAKER_SLOW_CALL_RATE, "must be in (0, 100]: "
                            + breakerSlowCallRate);
                }
                this.breaker = breakerFor(r, previous);
            } else {
                this.breakerWindow = 0;
                this.breakerMinCalls = 0;
                this.breakerFailureRate = 0;
                this.breakerWaitMs = 0;
                this.breakerSlowCallMs = 0;
                this.breakerSlowCallRate = 0;
                this.breaker = null;
            }
            if (r.deadline) {
                boolean unset = !p.has(TIMEOUT_MS) || p.get(TIMEOUT_MS) == null
                        || p.get(TIMEOUT_MS).toString().trim().isEmpty();
                this.timeoutMs = r.deadlineOptional && unset ? -1L : p.requireLong(TIMEOUT_MS);
                if (timeoutMs <= 0 && !r.deadlineOptional) {
                    throw new MissingParameterException(TIMEOUT_MS, "must be at least 1: " + timeoutMs);
                }
                this.deadline = timeoutMs <= 0 ? null
                        : previous != null && previous.timeoutMs == timeoutMs ? previous.deadline
                        : Deadline.builder(r.methodKey).timeoutMs(timeoutMs).enforce(true)
                        .declaresIOException(r.declaresIOException).synchronizedMethod(r.synchronizedMethod)
                        .events(r.sink).clock(r.clock).build();
            } else {
                this.timeoutMs = -1L;
                this.deadline = null;
            }
            if (r.constraintMode) {
                String name = p.requireString(CONSTRAINT_MODE);
                Mode parsed = Mode.parse(name, null);
                if (parsed == null) {
                    throw new MissingParameterException(CONSTRAINT_MODE, "is not report, repair or reject: '"
                            + name + "'");
                }
                this.mode = parsed;
            } else {
                this.mode = Mode.REPORT;
            }
        }

        private CircuitBreaker breakerFor(Reliability r, Wiring previous) {
            if (previous != null && previous.breakerWindow == breakerWindow
                    && previous.breakerMinCalls == breakerMinCalls
                    && previous.breakerFailureRate == breakerFailureRate && previous.breakerWaitMs == breakerWaitMs
                    && previous.breakerSlowCallMs == breakerSlowCallMs
                    && previous.breakerSlowCallRate == breakerSlowCallRate) {
                return previous.breaker;
            }
            CircuitBreakerConfig config = CircuitBreakerConfig.builder().countBasedWindow(breakerWindow)
                    .minimumCalls(breakerMinCalls).failureRateThreshold(breakerFailureRate)
                    .waitInOpenMs(breakerWaitMs).slowCallDurationMs(breakerSlowCallMs)
                    .slowCallRateThreshold(breakerSlowCallRate).build();
            if (previous != null) {
                return previous.breaker.reconfigured(config);
            }
            return CircuitBreaker.builder(r.methodKey).config(config).events(r.sink).clock(r.breakerClock)
                    .declaresIOException(r.declaresIOException).build();
        }
    }

    /** Mutable builder of {@link Reliability}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private final String methodKey;
        private final ParamsRef params;
        private final PhaseEventSink sink;
        private final boolean declaresIOException;
        private final boolean synchronizedMethod;
        private FailureClassifier classifier;
        private ResultPredicate resultPredicate;
        private RetryAfterSource retryAfterSource;
        private boolean breaker;
        private boolean deadline;
        private boolean deadlineOptional;
        private boolean idempotency;
        private boolean constraintMode;
        private Clock clock;
        private Sleeper sleeper;
        private RandomSource random;

        private Builder(String methodKey, ParamsRef params, PhaseEventSink sink, boolean declaresIOException,
                        boolean synchronizedMethod) {
            this.methodKey = methodKey;
            this.params = params;
            this.sink = sink;
            this.declaresIOException = declaresIOException;
            this.synchronizedMethod = synchronizedMethod;
        }

        /** Which failures are retried (and counted by the breaker); default I/O and time-outs. */
        public Builder classifier(FailureClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Which results are retried; default none. */
        public Builder retryOnResult(ResultPredicate predicate) {
            this.resultPredicate = predicate;
            return this;
        }

        /** Where retry-after delays are read from failures; default only {@code RetryAfter} exceptions. */
        public Builder retryAfterSource(RetryAfterSource source) {
            this.retryAfterSource = source;
            return this;
        }

        /**
         * Every try through a count-based circuit breaker configured by the {@code breaker-*} parameters, slow-call
         * detection included (timed to about a millisecond, see {@link CircuitBreaker}).
         */
        public Builder breaker() {
            this.breaker = true;
            return this;
        }

        /** Every try under an enforced deadline of {@code timeout-ms} (required, at least 1). */
        public Builder deadline() {
            this.deadline = true;
            this.deadlineOptional = false;
            return this;
        }

        /**
         * As {@link #deadline()}, but only while {@code timeout-ms} is set and positive: absent, blank or 0 means
         * none; anything else that is not a number is refused like a missing parameter.
         */
        public Builder deadlineWhenSet() {
            this.deadline = true;
            this.deadlineOptional = true;
            return this;
        }

        /**
         * {@code idempotent} (required) decides whether retries happen: false means exactly one try (through the
         * breaker and under the deadline, when there are), {@code retries} and the budget untouched.
         */
        public Builder idempotency() {
            this.idempotency = true;
            return this;
        }

        /** {@code constraint-mode} (required) is read for {@link Reliability#constraintMode()}. */
        public Builder constraintMode() {
            this.constraintMode = true;
            return this;
        }

        /**
         * Event timestamps and breaker time, call durations included; default {@link Clock#SYSTEM}, and the
         * breaker's own coarse clock for call durations. For tests.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How backoff waits; default {@link Sleeper#SYSTEM}. For tests. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter; default {@link RandomSource#SYSTEM}. For tests. */
        public Builder random(RandomSource random) {
            this.random = random;
            return this;
        }

        /**
         * The wiring, derived from the current snapshot.
         *
         * @throws MissingParameterException when a parameter it needs is missing or unreadable
         */
        public Reliability build() {
            return new Reliability(this);
        }
    }
}
