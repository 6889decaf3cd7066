package dev.poet.runtime.breaker;

/**
 * Outcomes of recent calls while the breaker is closed. Implementations are lock-free; a fresh window is created
 * at each transition to CLOSED, so stale writers only touch a discarded window.
 */
abstract class SlidingWindow {

    static final int SUCCESS = 1;
    static final int FAILURE = 2;
    /** Added to SUCCESS or FAILURE. */
    static final int SLOW = 4;

    /** No threshold crossed. */
    static final int BELOW = 0;
    /** The failure rate crossed its threshold. */
    static final int FAILURE_RATE = 1;
    /** The slow-call rate crossed its threshold. */
    static final int SLOW_CALL_RATE = 2;

    private final int minimumCalls;
    private final double failureRateThreshold;
    private final double slowCallRateThreshold;

    SlidingWindow(int minimumCalls, double failureRateThreshold, double slowCallRateThreshold) {
        this.minimumCalls = minimumCalls;
        this.failureRateThreshold = failureRateThreshold;
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    /**
     * Records one outcome at {@code nowNanos}.
     *
     * @return {@link #BELOW}, {@link #FAILURE_RATE} or {@link #SLOW_CALL_RATE}
     */
    abstract int record(long nowNanos, int outcome);

    /** {calls, failures, slow calls} at {@code nowNanos}; for metrics and tests, allocates. */
    abstract long[] snapshot(long nowNanos);

    final int evaluate(long calls, long failures, long slow) {
        if (calls < minimumCalls || calls <= 0) {
            return BELOW;
        }
        if (failures * 100.0 >= failureRateThreshold * calls) {
            return FAILURE_RATE;
        }
        if (slow * 100.0 >= slowCallRateThreshold * calls) {
            return SLOW_CALL_RATE;
        }
        return BELOW;
    }

    static boolean isFailure(int outcome) {
        return (outcome & FAILURE) != 0;
    }

    static boolean isSlow(int outcome) {
        return (outcome & SLOW) != 0;
    }
}
