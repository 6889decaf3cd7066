package dev.poet.runtime.breaker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probe calls of one half-open period: hands out {@code permitted} permits and, once that many outcomes are in,
 * lets exactly one caller (the one completing the set) decide between CLOSED and OPEN.
 */
final class HalfOpenProbes extends SlidingWindow {

    static final int UNDECIDED = -1;

    private final int permitted;
    private final AtomicInteger permits;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();

    HalfOpenProbes(int permitted, double failureRateThreshold, double slowCallRateThreshold) {
        super(permitted, failureRateThreshold, slowCallRateThreshold);
        this.permitted = permitted;
        this.permits = new AtomicInteger(permitted);
    }

    boolean tryAcquire() {
        int left = permits.get();
        while (left > 0) {
            if (permits.compareAndSet(left, left - 1)) {
                return true;
            }
            left = permits.get();
        }
        return false;
    }

    /**
     * @return {@link #UNDECIDED} until the last probe completes; then {@link #BELOW} (close), or
     *         {@link #FAILURE_RATE} / {@link #SLOW_CALL_RATE} (open again)
     */
    @Override
    int record(long nowNanos, int outcome) {
        // Counters before completion: whoever completes the set sees every probe's failure.
        if (isFailure(outcome)) {
            failures.incrementAndGet();
        }
        if (isSlow(outcome)) {
            slow.incrementAndGet();
        }
        if (completed.incrementAndGet() != permitted) {
            return UNDECIDED;
        }
        return evaluate(permitted, failures.get(), slow.get());
    }

    @Override
    long[] snapshot(long nowNanos) {
        return new long[]{completed.get(), failures.get(), slow.get()};
    }
}
