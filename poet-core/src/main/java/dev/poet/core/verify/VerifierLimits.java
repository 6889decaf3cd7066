package dev.poet.core.verify;

import dev.poet.runtime.budget.LoopBudget;

/**
 * The bounds one verification runs under.
 *
 * @param perSampleTimeoutMs  Perceive and Enforce of one sample together, in milliseconds (default 2,000)
 * @param totalTimeoutMs      all samples of one version, in milliseconds (default 10,000); samples not reached in
 *                            time are not run, and the result says so
 * @param allocationBoundBytes bytes one phase call may allocate (default 64 MB); measured with
 *                            {@code com.sun.management.ThreadMXBean} where the JVM supports it
 * @param loopBudget          backward branches one phase call may take (default {@link LoopBudget#DEFAULT_BUDGET})
 */
public record VerifierLimits(long perSampleTimeoutMs, long totalTimeoutMs, long allocationBoundBytes,
                             long loopBudget) {

    public static final long DEFAULT_PER_SAMPLE_TIMEOUT_MS = 2_000;
    public static final long DEFAULT_TOTAL_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_ALLOCATION_BOUND_BYTES = 64L * 1024 * 1024;

    public VerifierLimits {
        if (perSampleTimeoutMs <= 0 || totalTimeoutMs <= 0 || allocationBoundBytes <= 0) {
            throw new IllegalArgumentException("verification limits must be positive");
        }
    }

    /** The defaults: 2 s per sample, 10 s in all, 64 MB per phase call, the default loop budget. */
    public static VerifierLimits defaults() {
        return new VerifierLimits(DEFAULT_PER_SAMPLE_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS,
                DEFAULT_ALLOCATION_BOUND_BYTES, LoopBudget.DEFAULT_BUDGET);
    }
}
