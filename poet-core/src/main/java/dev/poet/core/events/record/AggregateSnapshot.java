package dev.poet.core.events.record;

/**
 * A method's aggregates at one moment. Counts come from the recorded calls (calls dropped by a full buffer are not
 * in them; the method's {@code MethodStats} counters are exact). Latency figures are in nanoseconds and come only
 * from calls timed precisely (every call of a method with {@code optimize-for}, one in
 * {@code ExecutionBuffer.PRECISE_EVERY} of the others); {@code latencyCount} says how many; all latency figures are
 * 0 when it is 0.
 */
public record AggregateSnapshot(long calls, long failures, long fallbacks, long retries, long violations,
                                long repairs, long rejections, long latencyCount, long p50Nanos, long p90Nanos,
                                long p99Nanos, long maxNanos, double meanNanos) {
}
