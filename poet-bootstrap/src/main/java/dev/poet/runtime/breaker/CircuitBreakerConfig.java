package dev.poet.runtime.breaker;

import dev.poet.runtime.FailureClassifier;
import dev.poet.runtime.TransientFailures;

/**
 * Immutable circuit breaker settings, built with {@link #builder()}. Defaults follow Resilience4j's, so numbers
 * users know carry over: count-based window of 100 calls, minimum 100 calls, failure-rate threshold 50 %,
 * 60 000 ms open, 10 probe calls half-open, slow-call-rate threshold 100 % — except that slow-call detection is
 * <b>off</b> in these defaults ({@code slowCallDurationMs = 0}), so a breaker built without settings never reads
 * a clock per call. Set {@link Builder#slowCallDurationMs(long)} to turn it on (the domain templates do, through
 * their {@code breaker-slow-call-ms} parameter); calls are then timed with the coarse clock, see
 * {@link CircuitBreaker}.
 *
 * <p>A failure counts against the breaker when the {@link FailureClassifier} says it is transient (default
 * {@link TransientFailures#DEFAULT}: I/O and time-outs); any other outcome, including an exception the
 * classifier does not count (an {@code IllegalArgumentException}: the dependency answered), counts as a success.
 */
public final class CircuitBreakerConfig {

    /** The defaults listed in the class comment. */
    public static final CircuitBreakerConfig DEFAULTS = builder().build();

    private final WindowType windowType;
    private final int windowSize;
    private final int minimumCalls;
    private final double failureRateThreshold;
    private final double slowCallRateThreshold;
    private final long slowCallDurationMs;
    private final long waitInOpenMs;
    private final int permittedCallsInHalfOpen;
    private final FailureClassifier classifier;

    private CircuitBreakerConfig(Builder b) {
        this.windowType = b.windowType == null ? WindowType.COUNT_BASED : b.windowType;
        this.windowSize = requireAtLeast(b.windowSize, 1, "windowSize");
        this.minimumCalls = requireAtLeast(b.minimumCalls, 1, "minimumCalls");
        this.failureRateThreshold = requirePercent(b.failureRateThreshold, "failureRateThreshold");
        this.slowCallRateThreshold = requirePercent(b.slowCallRateThreshold, "slowCallRateThreshold");
        this.slowCallDurationMs = Math.max(0, b.slowCallDurationMs);
        this.waitInOpenMs = Math.max(0, b.waitInOpenMs);
        this.permittedCallsInHalfOpen = requireAtLeast(b.permittedCallsInHalfOpen, 1, "permittedCallsInHalfOpen");
        this.classifier = b.classifier == null ? TransientFailures.DEFAULT : b.classifier;
    }

    private static int requireAtLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    private static double requirePercent(double value, String name) {
        // 0 % would open on the first call of a healthy window, which is never what anyone means.
        if (!(value > 0) || value > 100) {
            throw new IllegalArgumentException(name + " must be in (0, 100]: " + value);
        }
        return value;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Count-based (calls) or time-based (seconds). Default {@link WindowType#COUNT_BASED}. */
    public WindowType windowType() {
        return windowType;
    }

    /** The window: a number of calls (count-based) or of seconds (time-based). Default 100. */
    public int windowSize() {
        return windowSize;
    }

    /**
     * Calls the window must hold before rates are evaluated. Default 100. For a count-based window the effective
     * value is at most {@link #windowSize()}.
     */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** Failure rate in percent at or above which the breaker opens. Default 50. */
    public double failureRateThreshold() {
        return failureRateThreshold;
    }

    /** Slow-call rate in percent at or above which the breaker opens. Default 100. */
    public double slowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    /** A call taking at least this many milliseconds is slow; 0 (the default) turns slow-call detection off. */
    public long slowCallDurationMs() {
        return slowCallDurationMs;
    }

    /** How long the breaker stays open before letting probes through, in milliseconds. Default 60 000. */
    public long waitInOpenMs() {
        return waitInOpenMs;
    }

    /** Probe calls let through in the half-open state. Default 10. */
    public int permittedCallsInHalfOpen() {
        return permittedCallsInHalfOpen;
    }

    /** Which failures count against the breaker. Default {@link TransientFailures#DEFAULT}. */
    public FailureClassifier classifier() {
        return classifier;
    }

    /** Mutable builder of {@link CircuitBreakerConfig}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private WindowType windowType = WindowType.COUNT_BASED;
        private int windowSize = 100;
        private int minimumCalls = 100;
        private double failureRateThreshold = 50;
        private double slowCallRateThreshold = 100;
        private long slowCallDurationMs = 0;
        private long waitInOpenMs = 60_000;
        private int permittedCallsInHalfOpen = 10;
        private FailureClassifier classifier;

        private Builder() {
        }

        /** A count-based window of the last {@code calls} calls (the default type; default 100). */
        public Builder countBasedWindow(int calls) {
            this.windowType = WindowType.COUNT_BASED;
            this.windowSize = calls;
            return this;
        }

        /** A time-based window of the last {@code seconds} seconds, one bucket per second. */
        public Builder timeBasedWindow(int seconds) {
            this.windowType = WindowType.TIME_BASED;
            this.windowSize = seconds;
            return this;
        }

        /** Calls needed before rates are evaluated; default 100. */
        public Builder minimumCalls(int calls) {
            this.minimumCalls = calls;
            return this;
        }

        /** Failure rate in percent, in (0, 100], that opens the breaker; default 50. */
        public Builder failureRateThreshold(double percent) {
            this.failureRateThreshold = percent;
            return this;
        }

        /** Slow-call rate in percent, in (0, 100], that opens the breaker; default 100. */
        public Builder slowCallRateThreshold(double percent) {
            this.slowCallRateThreshold = percent;
            return this;
        }

        /** Calls taking at least this many milliseconds are slow; default 0 = slow-call detection off. */
        public Builder slowCallDurationMs(long millis) {
            this.slowCallDurationMs = millis;
            return this;
        }

        /** Time spent open before probing, in milliseconds; default 60 000. */
        public Builder waitInOpenMs(long millis) {
            this.waitInOpenMs = millis;
            return this;
        }

        /** Probe calls in the half-open state; default 10. */
        public Builder permittedCallsInHalfOpen(int calls) {
            this.permittedCallsInHalfOpen = calls;
            return this;
        }

        /** Which failures count; default {@link TransientFailures#DEFAULT}. */
        public Builder classifier(FailureClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /**
         * @throws IllegalArgumentException when a size is below 1 or a threshold outside (0, 100]
         */
        public CircuitBreakerConfig build() {
            return new CircuitBreakerConfig(this);
        }
    }
}
