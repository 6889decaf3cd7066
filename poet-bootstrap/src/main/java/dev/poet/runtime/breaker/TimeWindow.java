package dev.poet.runtime.breaker;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outcomes of the last {@code seconds} seconds in one bucket per second. A bucket that belongs to an older
 * second is replaced by compare-and-set (one allocation per bucket per second, never per call).
 *
 * <p>Rates are summed over the buckets only after a bad outcome, or on a success while a bad outcome is still
 * inside the window: without failures or slow calls in the window no rate can cross its threshold.
 */
final class TimeWindow extends SlidingWindow {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int seconds;
    private final AtomicReferenceArray<Bucket> buckets;
    private volatile long lastBadSecond = Long.MIN_VALUE / 2;

    TimeWindow(int seconds, int minimumCalls, double failureRateThreshold, double slowCallRateThreshold) {
        super(minimumCalls, failureRateThreshold, slowCallRateThreshold);
        this.seconds = seconds;
        this.buckets = new AtomicReferenceArray<>(seconds);
        Bucket empty = new Bucket(Long.MIN_VALUE);
        for (int i = 0; i < seconds; i++) {
            buckets.set(i, empty);
        }
    }

    @Override
    int record(long nowNanos, int outcome) {
        long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        Bucket bucket = bucketFor(second);
        // Calls first: a concurrent reader may miss a failure for a moment, but never sees a rate above the truth.
        Bucket.CALLS.incrementAndGet(bucket);
        if (isFailure(outcome)) {
            Bucket.FAILURES.incrementAndGet(bucket);
        }
        if (isSlow(outcome)) {
            Bucket.SLOW.incrementAndGet(bucket);
        }
        if (outcome != SUCCESS) {
            if (second > lastBadSecond) {
                lastBadSecond = second;
            }
        } else if (lastBadSecond <= second - seconds) {
            return BELOW;
        }
        return evaluateWindow(second);
    }

    /** {@link #sum} without the array, so a success during a degraded period does not allocate. */
    private int evaluateWindow(long second) {
        long calls = 0;
        long failures = 0;
        long slow = 0;
        long oldest = second - seconds;
        for (int i = 0; i < seconds; i++) {
            Bucket b = buckets.get(i);
            if (b.second > oldest && b.second <= second) {
                calls += b.calls;
                failures += b.failures;
                slow += b.slow;
            }
        }
        return evaluate(calls, failures, slow);
    }

    @Override
    long[] snapshot(long nowNanos) {
        return sum(Math.floorDiv(nowNanos, NANOS_PER_SECOND));
    }

    private long[] sum(long second) {
        long calls = 0;
        long failures = 0;
        long slow = 0;
        long oldest = second - seconds;
        for (int i = 0; i < seconds; i++) {
            Bucket b = buckets.get(i);
            if (b.second > oldest && b.second <= second) {
                calls += b.calls;
                failures += b.failures;
                slow += b.slow;
            }
        }
        return new long[]{calls, failures, slow};
    }

    private Bucket bucketFor(long second) {
        int index = (int) Math.floorMod(second, (long) seconds);
        while (true) {
            Bucket b = buckets.get(index);
            if (b.second >= second) {
                // Equal: ours. Newer: this thread read the clock before a stall; counting it a second late is
                // closer to the truth than dropping it.
                return b;
            }
            Bucket fresh = new Bucket(second);
            if (buckets.compareAndSet(index, b, fresh)) {
                return fresh;
            }
        }
    }

    static final class Bucket {
        static final AtomicIntegerFieldUpdater<Bucket> CALLS =
                AtomicIntegerFieldUpdater.newUpdater(Bucket.class, "calls");
        static final AtomicIntegerFieldUpdater<Bucket> FAILURES =
                AtomicIntegerFieldUpdater.newUpdater(Bucket.class, "failures");
        static final AtomicIntegerFieldUpdater<Bucket> SLOW =
                AtomicIntegerFieldUpdater.newUpdater(Bucket.class, "slow");

        final long second;
        volatile int calls;
        volatile int failures;
        volatile int slow;

        Bucket(long second) {
            this.second = second;
        }
    }
}
