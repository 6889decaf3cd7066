package dev.poet.core.events.record;

import org.HdrHistogram.Histogram;

import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;

/**
 * The running totals of one method, fed by the recorder's thread from every drained record, read by the status
 * API through {@link #snapshot()}. Latency goes into an HdrHistogram (nanoseconds, two significant digits, resized
 * as needed) from precisely timed calls only: a coarse duration (a multiple of a millisecond) would put every
 * fast call at 0 or 1 ms.
 */
public final class MethodAggregates {

    private final Histogram latency = new Histogram(2);
    private long calls;
    private long failures;
    private long fallbacks;
    private long retries;
    private long violations;
    private long repairs;
    private long rejections;
    private long latencySumNanos;

    /** Adds one call. */
    public synchronized void add(ExecutionRecord r) {
        calls++;
        if (r.status() == ExecutionRecord.FAILURE) {
            failures++;
        } else if (r.status() == ExecutionRecord.FALLBACK) {
            fallbacks++;
        }
        if (r.attempts() > 1) {
            retries += r.attempts() - 1;
        }
        if (r.hasFlag(ExecutionFlags.VIOLATION)) {
            violations++;
        }
        if (r.hasFlag(ExecutionFlags.REPAIR)) {
            repairs++;
        }
        if (r.hasFlag(ExecutionFlags.REJECTED)) {
            rejections++;
        }
        if (r.preciseDuration()) {
            addLatency(r.durationNanos());
        }
    }

    /** Adds one precisely measured duration. */
    public synchronized void addLatency(long nanos) {
        long value = Math.max(0, nanos);
        latency.recordValue(value);
        latencySumNanos += value;
    }

    /**
     * The precisely timed calls as a classic histogram: for each of {@code upperBoundsNanos} (ascending, the last
     * may be {@link Long#MAX_VALUE} for +Inf) how many durations fell above the previous bound and at most this one,
     * plus the exact sum. Built from the same histogram the percentiles come from, at the moment of the call; a
     * bound is exact to the histogram's resolution (two significant digits).
     */
    public synchronized LatencyBuckets latencyBuckets(long[] upperBoundsNanos) {
        long[] counts = new long[upperBoundsNanos.length];
        long total = latency.getTotalCount();
        long below = 0;
        for (int i = 0; i < upperBoundsNanos.length; i++) {
            long bound = upperBoundsNanos[i];
            long upTo = bound == Long.MAX_VALUE || bound >= latency.getMaxValue() ? total
                    : latency.getCountBetweenValues(0, bound);
            counts[i] = Math.max(0, upTo - below);
            below = Math.max(below, upTo);
        }
        return new LatencyBuckets(counts, total, latencySumNanos);
    }

    /**
     * Durations per bucket (not cumulative), their count and their exact sum in nanoseconds.
     *
     * @param counts one per upper bound asked for
     */
    public record LatencyBuckets(long[] counts, long count, long sumNanos) {
    }

    /**
     * A copy of the latency histogram so far (nanoseconds), for figures over a window: subtracting an earlier copy
     * leaves the calls timed in between.
     */
    public synchronized Histogram latencyCopy() {
        return latency.copy();
    }

    public synchronized AggregateSnapshot snapshot() {
        long n = latency.getTotalCount();
        return new AggregateSnapshot(calls, failures, fallbacks, retries, violations, repairs, rejections, n,
                n == 0 ? 0 : latency.getValueAtPercentile(50), n == 0 ? 0 : latency.getValueAtPercentile(90),
                n == 0 ? 0 : latency.getValueAtPercentile(99), n == 0 ? 0 : latency.getMaxValue(),
                n == 0 ? 0 : latency.getMean());
    }
}
