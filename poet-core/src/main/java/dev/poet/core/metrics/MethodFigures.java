package dev.poet.core.metrics;

import java.util.Map;

import dev.poet.core.events.record.MethodAggregates.LatencyBuckets;

/**
 * One method's figures at one moment, as both {@code /poet/metrics} and its MBean show them. Counts since the JVM
 * started. {@code calls}, {@code retries}, the failures, {@code fallbacks} and {@code violations} are the method's
 * exact counters; {@code repairs}, {@code rejections} and the latency figures come from the recorded calls (a call
 * the full buffer dropped is not in them), and latency only from precisely timed calls ({@code latencyCount} of
 * them, see {@code AggregateSnapshot}).
 *
 * @param state              {@code active} while the version is in the method's slot, {@code inactive} once it was
 *                           quarantined or replaced and nothing of ours runs
 * @param originalFailures   calls whose original's exception reached the caller, after any retries
 * @param deliberateFailures calls that ended in POET's own refusal (breaker open, deadline, rejected input)
 * @param fallbacks          calls where a failure of ours let the original's behaviour stand
 * @param breakerState       {@code closed}, {@code open}, {@code half_open}, or {@code null} without a breaker
 * @param latency            the precisely timed durations in {@link PoetMetrics#BUCKET_BOUNDS_NANOS}, or
 *                           {@code null} before the recorder runs
 * @param generations        per outcome of {@link GenerationCounts#OUTCOMES}, how often it happened
 */
public record MethodFigures(String key, String className, String methodName, String version, String state,
                            long calls, long originalFailures, long deliberateFailures, long fallbacks, long retries,
                            long violations, long repairs, long rejections, long recordedCalls, String breakerState,
                            long latencyCount, long p50Nanos, long p99Nanos, double meanNanos,
                            LatencyBuckets latency, Map<String, Long> generations) {

    /** Calls that ended in an exception: the original's and POET's own refusals. */
    public long failures() {
        return originalFailures + deliberateFailures;
    }
}
