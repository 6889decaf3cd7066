package dev.poet.runtime.retry;

import dev.poet.runtime.FailureClassifier;
import dev.poet.runtime.TransientFailures;
import dev.poet.runtime.params.Params;

/**
 * Immutable retry settings. Build with {@link #builder()}, or derive from a {@link Params} snapshot with
 * {@link #fromParams(Params, RetryConfig)}.
 *
 * <p>Backoff before retry {@code n} (the first retry is {@code n = 1}) is "full jitter": a uniformly random delay
 * in {@code [0, min(maxBackoffMs, initialBackoffMs * multiplier^(n-1))]} milliseconds. A failure that carries a
 * retry-after delay ({@link RetryAfter}, or the configured {@link RetryAfterSource}) is waited for exactly, capped
 * at {@link #maxRetryAfterMs()}, instead.
 */
public final class RetryConfig {

    /** Default TOTAL attempts: 3 (the first call and up to 2 retries). */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default initial backoff ceiling: 100 ms. */
    public static final long DEFAULT_INITIAL_BACKOFF_MS = 100;
    /** Default backoff multiplier: 2. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Default backoff cap: 2000 ms. */
    public static final long DEFAULT_MAX_BACKOFF_MS = 2000;
    /** Default cap on a retry-after delay a failure asks for: 30 000 ms. */
    public static final long DEFAULT_MAX_RETRY_AFTER_MS = 30_000;

    /** Params key: TOTAL attempts (1 = no retry). */
    public static final String KEY_RETRIES = "retries";
    /** Params key: initial backoff ceiling in milliseconds. */
    public static final String KEY_BACKOFF_INITIAL_MS = "backoff-initial-ms";
    /** Params key: backoff multiplier (at least 1). */
    public static final String KEY_BACKOFF_MULTIPLIER = "backoff-multiplier";
    /** Params key: backoff cap in milliseconds. */
    public static final String KEY_BACKOFF_MAX_MS = "backoff-max-ms";

    /** The defaults: 3 attempts, 100 ms, x2, 2 s cap, I/O and time-outs transient, no result predicate. */
    public static final RetryConfig DEFAULTS = builder().build();

    private final int maxAttempts;
    private final long initialBackoffMs;
    private final double multiplier;
    private final long maxBackoffMs;
    private final long maxRetryAfterMs;
    private final FailureClassifier classifier;
    private final ResultPredicate resultPredicate;
    private final RetryAfterSource retryAfterSource;

    private RetryConfig(Builder b) {
        this.maxAttempts = Math.max(1, b.maxAttempts);
        this.initialBackoffMs = Math.max(0, b.initialBackoffMs);
        this.multiplier = Double.isNaN(b.multiplier) ? DEFAULT_MULTIPLIER : Math.max(1.0, b.multiplier);
        this.maxBackoffMs = Math.max(0, b.maxBackoffMs);
        this.maxRetryAfterMs = Math.max(0, b.maxRetryAfterMs);
        this.classifier = b.classifier == null ? TransientFailures.DEFAULT : b.classifier;
        this.resultPredicate = b.resultPredicate;
        this.retryAfterSource = b.retryAfterSource;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoffMs = initialBackoffMs;
        b.multiplier = multiplier;
        b.maxBackoffMs = maxBackoffMs;
        b.maxRetryAfterMs = maxRetryAfterMs;
        b.classifier = classifier;
        b.resultPredicate = resultPredicate;
        b.retryAfterSource = retryAfterSource;
        return b;
    }

    /**
     * {@code base} with the values {@code params} sets: {@value #KEY_RETRIES}, {@value #KEY_BACKOFF_INITIAL_MS},
     * {@value #KEY_BACKOFF_MULTIPLIER}, {@value #KEY_BACKOFF_MAX_MS}. Absent or unparsable keys keep {@code base}'s
     * value; out-of-range values are clamped (attempts at least 1, delays at least 0, multiplier at least 1).
     *
     * @param base {@code null} means {@link #DEFAULTS}
     */
    public static RetryConfig fromParams(Params params, RetryConfig base) {
        RetryConfig b = base == null ? DEFAULTS : base;
        if (params == null) {
            return b;
        }
        Builder builder = b.toBuilder();
        builder.maxAttempts = params.getInt(KEY_RETRIES, b.maxAttempts);
        builder.initialBackoffMs = params.getLong(KEY_BACKOFF_INITIAL_MS, b.initialBackoffMs);
        builder.multiplier = params.getDouble(KEY_BACKOFF_MULTIPLIER, b.multiplier);
        builder.maxBackoffMs = params.getLong(KEY_BACKOFF_MAX_MS, b.maxBackoffMs);
        return builder.build();
    }

    /** TOTAL attempts, the first call included: 1 means no retry. Default 3. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Backoff ceiling before the first retry, in milliseconds. Default 100. */
    public long initialBackoffMs() {
        return initialBackoffMs;
    }

    /** Growth of the backoff ceiling per retry. Default 2. */
    public double multiplier() {
        return multiplier;
    }

    /** Cap on the backoff ceiling, in milliseconds. Default 2000. */
    public long maxBackoffMs() {
        return maxBackoffMs;
    }

    /** Cap on a retry-after delay asked for by a failure, in milliseconds. Default 30 000. */
    public long maxRetryAfterMs() {
        return maxRetryAfterMs;
    }

    /** Which failures are retried. Default {@link TransientFailures#DEFAULT}. */
    public FailureClassifier classifier() {
        return classifier;
    }

    /** Which results are retried; {@code null} (the default) means none. */
    public ResultPredicate resultPredicate() {
        return resultPredicate;
    }

    /** Reads retry-after delays from failures that do not implement {@link RetryAfter}; {@code null} by default. */
    public RetryAfterSource retryAfterSource() {
        return retryAfterSource;
    }

    /**
     * The backoff ceiling before retry {@code n} (1-based), in milliseconds:
     * {@code min(maxBackoffMs, initialBackoffMs * multiplier^(n-1))}.
     */
    public long backoffCeilingMs(int n) {
        double ceiling = initialBackoffMs * Math.pow(multiplier, Math.max(0, n - 1));
        return ceiling >= maxBackoffMs ? maxBackoffMs : (long) ceiling;
    }

    @Override
    public String toString() {
        return "RetryConfig{maxAttempts=" + maxAttempts + ", initialBackoffMs=" + initialBackoffMs + ", multiplier="
                + multiplier + ", maxBackoffMs=" + maxBackoffMs + ", maxRetryAfterMs=" + maxRetryAfterMs + '}';
    }

    /** Mutable builder of {@link RetryConfig}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private long initialBackoffMs = DEFAULT_INITIAL_BACKOFF_MS;
        private double multiplier = DEFAULT_MULTIPLIER;
        private long maxBackoffMs = DEFAULT_MAX_BACKOFF_MS;
        private long maxRetryAfterMs = DEFAULT_MAX_RETRY_AFTER_MS;
        private FailureClassifier classifier;
        private ResultPredicate resultPredicate;
        private RetryAfterSource retryAfterSource;

        private Builder() {
        }

        /** TOTAL attempts including the first (1 = no retry); default 3; values below 1 mean 1. */
        public Builder maxAttempts(int totalAttempts) {
            this.maxAttempts = totalAttempts;
            return this;
        }

        /** Backoff ceiling before the first retry, in milliseconds; default 100. */
        public Builder initialBackoffMs(long millis) {
            this.initialBackoffMs = millis;
            return this;
        }

        /** Growth of the backoff ceiling per retry; default 2; values below 1 mean 1. */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** Cap on the backoff ceiling, in milliseconds; default 2000. */
        public Builder maxBackoffMs(long millis) {
            this.maxBackoffMs = millis;
            return this;
        }

        /** Cap on a retry-after delay asked for by a failure, in milliseconds; default 30 000. */
        public Builder maxRetryAfterMs(long millis) {
            this.maxRetryAfterMs = millis;
            return this;
        }

        /** Which failures are retried; default {@link TransientFailures#DEFAULT}. */
        public Builder classifier(FailureClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /**
         * Shorthand for {@code classifier(new TransientFailures(retryOn, never))}: retry on instances of
         * {@code retryOn} ({@code null} = I/O and time-outs) unless they are instances of {@code never}.
         */
        @SuppressWarnings("rawtypes")
        public Builder retryOn(Class[] retryOn, Class[] never) {
            this.classifier = new TransientFailures(retryOn, never);
            return this;
        }

        /** Retry when the returned value satisfies {@code predicate}; default none. */
        public Builder retryOnResult(ResultPredicate predicate) {
            this.resultPredicate = predicate;
            return this;
        }

        /** Where to read a retry-after delay from failures that do not implement {@link RetryAfter}. */
        public Builder retryAfterSource(RetryAfterSource source) {
            this.retryAfterSource = source;
            return this;
        }

        /** The immutable configuration. */
        public RetryConfig build() {
            return new RetryConfig(this);
        }
    }
}
