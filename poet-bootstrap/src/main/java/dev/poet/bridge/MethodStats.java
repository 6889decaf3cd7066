package dev.poet.bridge;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one method, printed in the exit summary and served by the status API. Striped counters: they are
 * bumped on the application's threads.
 */
public final class MethodStats {

    /** Calls that went through the enhancement. */
    public final LongAdder calls = new LongAdder();
    /** Extra attempts of the original beyond the first, over all calls. */
    public final LongAdder retries = new LongAdder();
    /** Calls whose original exception reached the caller (after any retries). */
    public final LongAdder failuresPassedThrough = new LongAdder();
    /** Calls that ended in a deliberate POET exception (breaker open, deadline, rejection). */
    public final LongAdder deliberateFailures = new LongAdder();
    /** Perceive and Enforce violations reported. */
    public final LongAdder violations = new LongAdder();
    /** Our own failures, each of which fell back to the original. */
    public final LongAdder ownFailures = new LongAdder();
}
