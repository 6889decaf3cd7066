package dev.poet.core.events.record;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Counts from records; percentiles from precise durations only, against known latencies. */
class MethodAggregatesTest {

    @Test
    void percentilesOfKnownLatencies() {
        MethodAggregates a = new MethodAggregates();
        // 1..1000 microseconds, each once.
        for (long us = 1; us <= 1000; us++) {
            a.addLatency(us * 1000);
        }
        AggregateSnapshot s = a.snapshot();
        assertThat(s.latencyCount()).isEqualTo(1000);
        // Two significant digits: within 1 %.
        assertThat((double) s.p50Nanos()).isCloseTo(500_000, within(5_000.0));
        assertThat((double) s.p90Nanos()).isCloseTo(900_000, within(9_000.0));
        assertThat((double) s.p99Nanos()).isCloseTo(990_000, within(9_900.0));
        assertThat((double) s.maxNanos()).isCloseTo(1_000_000, within(10_000.0));
        assertThat(s.meanNanos()).isCloseTo(500_500, within(5_005.0));
    }

    @Test
    void countsComeFromRecordsAndOnlyPreciseDurationsReachTheHistogram() {
        ExecutionBuffer b = new ExecutionBuffer(16);
        b.offer(1, 1, 0, 7_000_000, ExecutionRecord.SUCCESS, 1, 0, null, -1, -1, null, null);
        b.offer(1, 2, 0, 40_000, ExecutionRecord.FAILURE, 3, ExecutionFlags.PRECISE_DURATION | ExecutionFlags.RETRIED,
                null, -1, -1, null, null);
        b.offer(1, 3, 0, 60_000, ExecutionRecord.FALLBACK, 0, ExecutionFlags.PRECISE_DURATION, null, -1, -1, null, null);
        b.offer(1, 4, 0, 0, ExecutionRecord.SUCCESS, 1,
                ExecutionFlags.VIOLATION | ExecutionFlags.REPAIR | ExecutionFlags.REJECTED, null, -1, -1, null, null);
        MethodAggregates a = new MethodAggregates();
        b.drainTo(a::add, 16);
        AggregateSnapshot s = a.snapshot();
        assertThat(s.calls()).isEqualTo(4);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.fallbacks()).isEqualTo(1);
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.violations()).isEqualTo(1);
        assertThat(s.repairs()).isEqualTo(1);
        assertThat(s.rejections()).isEqualTo(1);
        assertThat(s.latencyCount()).isEqualTo(2);
        assertThat((double) s.maxNanos()).isCloseTo(60_000, within(600.0));
    }

    @Test
    void anEmptyHistogramSaysSo() {
        AggregateSnapshot s = new MethodAggregates().snapshot();
        assertThat(s.latencyCount()).isZero();
        assertThat(s.p99Nanos()).isZero();
    }
}
