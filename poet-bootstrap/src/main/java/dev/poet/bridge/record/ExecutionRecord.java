package dev.poet.bridge.record;

import dev.poet.bridge.ExecutionIds;

/**
 * One recorded call as the consumer of an {@link ExecutionBuffer} sees it: a reused view onto a slot, valid only
 * inside {@link ExecutionSink#accept(ExecutionRecord)}.
 *
 * <p><b>Durations.</b> {@link #durationNanos()} is precise ({@code System.nanoTime} at both ends) when
 * {@link #preciseDuration()} says so: every call of a method with {@code optimize-for}, and a fixed share of the
 * others ({@link ExecutionBuffer#PRECISE_EVERY 1 in 16}, chosen by execution number) that feeds latency
 * histograms. Otherwise it is the difference of two {@link dev.poet.runtime.time.CoarseClock} reads, a multiple of a millisecond and
 * good to about one: fine for an event's {@code duration_ms}, not for percentiles of fast methods.
 *
 * <p><b>Fallbacks.</b> For a call of status {@link #FALLBACK} whose original then ran in place, the duration
 * covers the enhancement's part only, up to our failure: the original runs after the dispatcher returned, outside
 * what it can time.
 */
public final class ExecutionRecord {

    /** The caller got what the enhancement returned. */
    public static final int SUCCESS = 0;
    /** The caller got an exception: the original's, or a deliberate one (breaker open, deadline, rejection). */
    public static final int FAILURE = 1;
    /** Our own failure: the original ran in place, or its own outcome was handed back unchanged. */
    public static final int FALLBACK = 2;

    int methodId;
    long execution;
    long startMillis;
    long durationNanos;
    int status;
    int attempts;
    int flags;
    Throwable error;
    long cpuNanos;
    long allocatedBytes;
    String arguments;
    String result;

    ExecutionRecord() {
    }

    /** The method's slot id. */
    public int methodId() {
        return methodId;
    }

    /** The execution number of this run. */
    public long execution() {
        return execution;
    }

    /** The execution id users see ({@link ExecutionIds#format(long)}); builds a string. */
    public String executionId() {
        return ExecutionIds.format(execution);
    }

    /** When the call started, epoch milliseconds (coarse clock: good to about a millisecond). */
    public long startMillis() {
        return startMillis;
    }

    /** How long it took, in nanoseconds; see the class comment for what "precise" means. */
    public long durationNanos() {
        return durationNanos;
    }

    /** Whether {@link #durationNanos()} was measured with {@code System.nanoTime}. */
    public boolean preciseDuration() {
        return (flags & ExecutionFlags.PRECISE_DURATION) != 0;
    }

    /** {@link #SUCCESS}, {@link #FAILURE} or {@link #FALLBACK}. */
    public int status() {
        return status;
    }

    /** {@code success}, {@code failure} or {@code fallback}. */
    public String statusName() {
        return statusName(status);
    }

    public static String statusName(int status) {
        switch (status) {
            case SUCCESS:
                return "success";
            case FAILURE:
                return "failure";
            default:
                return "fallback";
        }
    }

    /** How many times the original ran. */
    public int attempts() {
        return attempts;
    }

    /** {@link ExecutionFlags} bits. */
    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * For {@link #FAILURE} the throwable the caller got; for {@link #FALLBACK} our failure that made it fall back;
     * otherwise {@code null}.
     */
    public Throwable error() {
        return error;
    }

    /** CPU time of the calling thread during the call, nanoseconds; {@code -1} when not measured. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** Bytes the calling thread allocated during the call; {@code -1} when not measured. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** The arguments as a JSON array ({@link ValueSnapshot}), copied before the call ran; {@code null} when not recorded. */
    public String arguments() {
        return arguments;
    }

    /** The result as JSON, {@code null} when not recorded (or void, or the call failed). */
    public String result() {
        return result;
    }
}
