package dev.poet.runtime.retry;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.breaker.CircuitBreaker;
import dev.poet.runtime.deadline.Deadline;
import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Derived;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.time.Clock;
import dev.poet.runtime.time.RandomSource;
import dev.poet.runtime.time.Sleeper;

/**
 * Runs an {@link Attempt} up to {@link RetryConfig#maxAttempts()} times in total, retrying transient failures
 * (and results the {@link ResultPredicate} rejects) with capped, fully jittered exponential backoff.
 *
 * <ul>
 *   <li>A failure that is not transient is rethrown at once: the same instance, never wrapped.</li>
 *   <li>After the last attempt, the last failure instance is rethrown unchanged (or the last result returned).</li>
 *   <li>With a {@link RetryBudget}, a retry runs only while the budget allows it; otherwise the failure is
 *       rethrown and a {@value EventTypes#RETRY_BUDGET_EXHAUSTED} event says why.</li>
 *   <li>{@code mayWait = false} (the method is {@code synchronized}, so its monitor is held): retries still
 *       happen, within attempts and budget, but <b>immediately, without any backoff sleep</b> — sleeping while
 *       holding the application's lock would stall every other thread that needs it. Retry-after delays are then
 *       ignored too. Methods that must not hammer a dependency that way should use {@code retries=1}.</li>
 *   <li>If the thread is interrupted while backing off, retrying stops: the interrupt flag is restored and the
 *       last failure rethrown (or last result returned).</li>
 * </ul>
 *
 * <p>The configuration is read per call: from the {@link ParamsRef} when one is given (re-parsed only when the
 * snapshot instance changes, so the success path does not allocate), else the fixed {@link RetryConfig}.
 * Thread-safe; one instance per method, created by the generated enhancement.
 */
public final class Retry {

    private final RetryConfig base;
    /** The configuration of the current snapshot over {@code base}; null without a {@link ParamsRef}. */
    private final Derived<RetryConfig> config;
    private final RetryBudget budget;
    private final EventEmitter events;
    private final Sleeper sleeper;
    private final RandomSource random;
    private final boolean mayWait;

    private Retry(Builder b) {
        this.base = b.config == null ? RetryConfig.DEFAULTS : b.config;
        this.budget = b.budget;
        this.events = new EventEmitter(b.sink, b.methodKey, b.clock);
        final RetryConfig base = this.base;
        this.config = b.params == null ? null : new Derived<RetryConfig>(b.params, new Derived.Deriver<RetryConfig>() {
            @Override
            public RetryConfig derive(Params params, RetryConfig previous) {
                return RetryConfig.fromParams(params, base);
            }
        }, events);
        this.sleeper = b.sleeper == null ? Sleeper.SYSTEM : b.sleeper;
        this.random = b.random == null ? RandomSource.SYSTEM : b.random;
        this.mayWait = b.mayWait;
    }

    /**
     * A retry with a fixed configuration, system clock, sleeper and random source, no budget, allowed to wait.
     *
     * @param methodKey the method events are stamped with
     * @param config    {@code null} means {@link RetryConfig#DEFAULTS}
     * @param sink      where decisions go; {@code null} means none
     */
    public Retry(String methodKey, RetryConfig config, PhaseEventSink sink) {
        this(builder(methodKey).config(config).events(sink));
    }

    /** A builder for the method {@code methodKey}; every other setting has a documented default. */
    public static Builder builder(String methodKey) {
        return new Builder(methodKey);
    }

    /**
     * Runs {@code attempt}, retrying as configured.
     *
     * @return the first accepted result, or the last result when every attempt's result asked for a retry
     * @throws Throwable exactly the instance the last attempt threw
     */
    public Object execute(Attempt attempt) throws Throwable {
        return execute(attempt, null);
    }

    /**
     * Runs {@code attempt} through {@code breaker} on every try, retrying as configured: each attempt counts in
     * the breaker's window, and a refusal by the breaker (a {@link dev.poet.runtime.DeliberateFailure}) ends the
     * retries at once. Allocation-free on success, unlike wrapping the breaker call in another {@link Attempt}.
     *
     * @param breaker {@code null} means none
     * @return the first accepted result, the last result, or the breaker's fallback value
     * @throws Throwable exactly the instance the last attempt (or the breaker) threw
     */
    public Object execute(Attempt attempt, CircuitBreaker breaker) throws Throwable {
        return execute(currentConfig(), budget, attempt, breaker, null);
    }

    /**
     * Runs {@code attempt} with settings chosen by the caller for this call (the method's current parameters),
     * instead of this retry's own configuration and budget: each try goes through {@code breaker} (when given)
     * and under {@code deadline} (when given). A try that hit {@code deadline} — the method's own per-attempt
     * time limit, not a deadline exception passing through from a call inside the body — is retried like any
     * time-out, within {@code config}'s attempts and the budget; when it was the last try, its time-out reaches
     * the caller. Allocation-free on success.
     *
     * @param budget   {@code null} means none
     * @param breaker  {@code null} means none
     * @param deadline {@code null} means none
     * @return the first accepted result, the last result, or the breaker's fallback value
     * @throws Throwable exactly the instance the last try threw
     */
    public Object execute(RetryConfig config, RetryBudget budget, Attempt attempt, CircuitBreaker breaker,
                          Deadline deadline) throws Throwable {
        int maxAttempts = config.maxAttempts();
        ResultPredicate resultPredicate = config.resultPredicate();
        for (int n = 1; ; n++) {
            Object result = null;
            Throwable failure = null;
            try {
                if (breaker != null) {
                    result = breaker.execute(attempt, deadline);
                } else if (deadline != null) {
                    result = deadline.execute(attempt);
                } else {
                    result = attempt.run();
                }
            } catch (Throwable t) {
                failure = t;
            }
            if (failure == null) {
                if (resultPredicate == null || !resultPredicate.shouldRetry(result)) {
                    if (budget != null) {
                        budget.onSuccess();
                    }
                    return result;
                }
            } else if (!config.classifier().isTransient(failure)
                    && (deadline == null || !deadline.expired(failure))) {
                // Not transient: neither a success nor a sign of an overloaded dependency, so the budget stays.
                throw failure;
            }
            if (budget != null) {
                budget.onFailure();
            }
            if (!mayRetry(budget, n, maxAttempts, failure)) {
                if (failure != null) {
                    throw failure;
                }
                return result;
            }
            if (!backOff(config, n, failure)) {
                if (failure != null) {
                    throw failure;
                }
                return result;
            }
        }
    }

    /** The configuration the next call uses: the params snapshot's values over the base configuration. */
    public RetryConfig currentConfig() {
        return config == null ? base : config.get();
    }

    /** The budget this retry draws on, or {@code null}. */
    public RetryBudget budget() {
        return budget;
    }

    private boolean mayRetry(RetryBudget budget, int n, int maxAttempts, Throwable failure) {
        if (n >= maxAttempts) {
            events.emit(EventTypes.RETRY_EXHAUSTED, "attempts", n, "cause", describe(failure));
            return false;
        }
        if (budget != null && !budget.allowRetry()) {
            events.emit(EventTypes.RETRY_BUDGET_EXHAUSTED, "attempt", n, "tokens", budget.tokens(),
                    "cause", describe(failure));
            return false;
        }
        return true;
    }

    /** Waits before retry {@code n}; false when interrupted (flag restored), meaning "stop retrying". */
    private boolean backOff(RetryConfig config, int n, Throwable failure) {
        long delay = mayWait ? delayBefore(config, n, failure) : 0L;
        events.emit(EventTypes.RETRY_SCHEDULED, "attempt", n + 1, "delay_ms", delay, "waits", mayWait,
                "cause", describe(failure));
        if (delay <= 0) {
            return true;
        }
        try {
            sleeper.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The delay before retry {@code n}: the failure's retry-after (capped) when it has one, else jittered backoff. */
    long delayBefore(RetryConfig config, int n, Throwable failure) {
        long retryAfter = retryAfterOf(config, failure);
        if (retryAfter >= 0) {
            return Math.min(retryAfter, config.maxRetryAfterMs());
        }
        return random.nextLongInclusive(config.backoffCeilingMs(n));
    }

    private static long retryAfterOf(RetryConfig config, Throwable failure) {
        if (failure instanceof RetryAfter) {
            long millis = ((RetryAfter) failure).retryAfterMillis();
            if (millis >= 0) {
                return millis;
            }
        }
        RetryAfterSource source = config.retryAfterSource();
        if (failure != null && source != null) {
            return source.retryAfterMillis(failure);
        }
        return -1;
    }

    private static String describe(Throwable failure) {
        return failure == null ? "result" : failure.getClass().getName();
    }

    /** Mutable builder of {@link Retry}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private final String methodKey;
        private RetryConfig config;
        private ParamsRef params;
        private RetryBudget budget;
        private PhaseEventSink sink;
        private Clock clock;
        private Sleeper sleeper;
        private RandomSource random;
        private boolean mayWait = true;

        private Builder(String methodKey) {
            this.methodKey = methodKey;
        }

        /** The base configuration; default {@link RetryConfig#DEFAULTS}. */
        public Builder config(RetryConfig config) {
            this.config = config;
            return this;
        }

        /** Per-call overrides of the base configuration (keys of {@link RetryConfig#fromParams}); default none. */
        public Builder params(ParamsRef params) {
            this.params = params;
            return this;
        }

        /** The method's retry budget; default none (retries limited by attempts only). */
        public Builder budget(RetryBudget budget) {
            this.budget = budget;
            return this;
        }

        /** Where decisions go; default {@link PhaseEventSink#NONE}. */
        public Builder events(PhaseEventSink sink) {
            this.sink = sink;
            return this;
        }

        /** Event timestamps; default {@link Clock#SYSTEM}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How backoff waits; default {@link Sleeper#SYSTEM}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter; default {@link RandomSource#SYSTEM}. */
        public Builder random(RandomSource random) {
            this.random = random;
            return this;
        }

        /**
         * Whether backoff may sleep; default true. Pass {@code !context.isSynchronized()}: when false, retries run
         * immediately without sleeping (see the class comment).
         */
        public Builder mayWait(boolean mayWait) {
            this.mayWait = mayWait;
            return this;
        }

        /** The retry. */
        public Retry build() {
            return new Retry(this);
        }
    }
}
