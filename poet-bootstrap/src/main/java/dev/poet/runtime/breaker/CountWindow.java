package dev.poet.runtime.breaker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@code size} outcomes in a ring. Each write swaps one slot atomically and adjusts the aggregate
 * counters by the difference between the new and the evicted outcome, so under any interleaving the counters
 * converge to exactly what the slots hold. The number of calls is derived from the cursor, not counted separately:
 * a writer preempted between claiming its slot and counting it must not hide a full window from everyone else.
 */
final class CountWindow extends SlidingWindow {

    private final int size;
    private final AtomicIntegerArray slots;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();

    CountWindow(int size, int minimumCalls, double failureRateThreshold, double slowCallRateThreshold) {
        super(Math.min(size, minimumCalls), failureRateThreshold, slowCallRateThreshold);
        this.size = size;
        this.slots = new AtomicIntegerArray(size);
    }

    @Override
    int record(long nowNanos, int outcome) {
        if (outcome == SUCCESS && failures.get() == 0 && slow.get() == 0 && cursor.get() >= size) {
            // A full window of successes stays one whichever slot a success replaces: the healthy steady state
            // costs three reads and no write.
            return BELOW;
        }
        long position = cursor.getAndIncrement();
        int index = (int) ((position & Long.MAX_VALUE) % size);
        int evicted = slots.getAndSet(index, outcome);
        boolean grew = position < size;
        int failureDelta = (isFailure(outcome) ? 1 : 0) - (isFailure(evicted) ? 1 : 0);
        if (failureDelta != 0) {
            failures.addAndGet(failureDelta);
        }
        int slowDelta = (isSlow(outcome) ? 1 : 0) - (isSlow(evicted) ? 1 : 0);
        if (slowDelta != 0) {
            slow.addAndGet(slowDelta);
        }
        // Rates can only rise by recording a bad outcome, or cross the minimum by growing.
        if (outcome != SUCCESS || grew) {
            return evaluate(calls(), failures.get(), slow.get());
        }
        return BELOW;
    }

    @Override
    long[] snapshot(long nowNanos) {
        return new long[]{calls(), failures.get(), slow.get()};
    }

    private long calls() {
        return Math.min(cursor.get(), size);
    }
}
