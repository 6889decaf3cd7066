package dev.poet.core.train.evidence;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a set of durations, in milliseconds (from an HdrHistogram of microseconds, three significant
 * digits); all zero when {@code count} is zero.
 */
public record Latency(long count, double p50, double p90, double p95, double p99, double max) {

    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

    static Latency of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(h.getTotalCount(), at(h, 50), at(h, 90), at(h, 95), at(h, 99),
                ms(h.lowestEquivalentValue(h.getMaxValue())));
    }

    static Histogram histogram() {
        return new Histogram(3);
    }

    /** Durations are kept in whole microseconds, at least one. */
    static void record(Histogram h, double millis) {
        h.recordValue(Math.max(1L, Math.round(millis * 1000.0)));
    }

    /** The bucket's lower end: a recorded 10 ms reads back as 10 ms, not as the bucket's top. */
    private static double at(Histogram h, double percentile) {
        return ms(h.lowestEquivalentValue(h.getValueAtPercentile(percentile)));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50_ms", p50);
        m.put("p90_ms", p90);
        m.put("p95_ms", p95);
        m.put("p99_ms", p99);
        m.put("max_ms", max);
        return m;
    }
}
