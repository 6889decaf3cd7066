package dev.poet.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;
import dev.poet.core.events.record.MethodAggregates;

/** Samples of real aggregates: window percentiles, running counts, the bounds on samples and methods. */
class TimelineTest {

    private final Map<String, MethodAggregates> aggregates = new ConcurrentHashMap<>();
    private final AtomicLong now = new AtomicLong(Instant.parse("2025-01-02T10:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
    };

    private static void calls(MethodAggregates a, int n, long nanos, int status) {
        ExecutionBuffer b = new ExecutionBuffer(ExecutionBuffer.capacityFor(n));
        for (int i = 0; i < n; i++) {
            b.offer(1, i, 0, nanos, status, 2, ExecutionFlags.PRECISE_DURATION | ExecutionFlags.RETRIED, null, -1, -1,
                    null, null);
        }
        b.drainTo(a::add, n);
    }

    @Test
    void percentilesCoverOnlyTheCallsSinceThePreviousSample() {
        MethodAggregates a = new MethodAggregates();
        aggregates.put("com.acme.A~m~00000001", a);
        Timeline t = new Timeline(() -> aggregates, clock, 10);
        calls(a, 100, 1_000_000, ExecutionRecord.SUCCESS);
        t.sample();
        now.addAndGet(Timeline.INTERVAL_MS);
        calls(a, 50, 20_000_000, ExecutionRecord.FAILURE);
        t.sample();
        now.addAndGet(Timeline.INTERVAL_MS);
        t.sample();

        List<Timeline.Sample> s = t.samples("com.acme.A~m~00000001");
        assertThat(s).hasSize(3);
        assertThat(s.get(0).p99Millis()).isCloseTo(1.0, within(0.02));
        assertThat(s.get(0).windowCalls()).isEqualTo(100);
        // A since-start p50 would still say 1 ms: the window holds only the 20 ms calls.
        assertThat(s.get(1).p50Millis()).isCloseTo(20.0, within(0.2));
        assertThat(s.get(1).windowCalls()).isEqualTo(50);
        assertThat(s.get(1).windowFailures()).isEqualTo(50);
        assertThat(s.get(1).calls()).isEqualTo(150);
        assertThat(s.get(1).failures()).isEqualTo(50);
        assertThat(s.get(1).retries()).isEqualTo(150);
        assertThat(s.get(1).atMillis() - s.get(0).atMillis()).isEqualTo(Timeline.INTERVAL_MS);
        // Nothing timed in the last window: no made-up figure.
        assertThat(s.get(2).windowCalls()).isZero();
        assertThat(s.get(2).windowLatencyCount()).isZero();
        assertThat(s.get(2).p50Millis()).isNull();
        assertThat(s.get(2).p99Millis()).isNull();
    }

    @Test
    void keepsAtMostCapacitySamplesTheNewest() {
        MethodAggregates a = new MethodAggregates();
        aggregates.put("com.acme.A~m~00000001", a);
        Timeline t = new Timeline(() -> aggregates, clock, 5);
        for (int i = 0; i < 12; i++) {
            calls(a, 1, 1_000_000, ExecutionRecord.SUCCESS);
            t.sample();
            now.addAndGet(Timeline.INTERVAL_MS);
        }
        List<Timeline.Sample> s = t.samples("com.acme.A~m~00000001");
        assertThat(s).hasSize(5);
        assertThat(s.get(4).calls()).isEqualTo(12);
        assertThat(s.get(0).calls()).isEqualTo(8);
    }

    @Test
    void chartsAtMostMaxMethodsAndCountsTheRest() {
        for (int i = 0; i < Timeline.MAX_METHODS + 3; i++) {
            aggregates.put(String.format("com.acme.C%d~m~%08x", i, i), new MethodAggregates());
        }
        Timeline t = new Timeline(() -> aggregates, clock, 2);
        t.sample();
        assertThat(t.samples()).hasSize(Timeline.MAX_METHODS);
        assertThat(t.methodsLeftOut()).isEqualTo(3);
    }

    @Test
    void beforeTheEngineRecordsThereIsNothingAndNoFailure() {
        Timeline t = new Timeline(Map::of, clock, 2);
        t.sample();
        assertThat(t.samples()).isEmpty();
        assertThat(t.samples("com.acme.A~m~00000001")).isEmpty();
    }

    @Test
    void startSamplesAtOnceOnADaemonThreadAndCloseStopsIt() throws Exception {
        MethodAggregates a = new MethodAggregates();
        aggregates.put("com.acme.A~m~00000001", a);
        calls(a, 3, 1_000_000, ExecutionRecord.SUCCESS);
        try (Timeline t = new Timeline(() -> aggregates, clock, 2).start()) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (t.samples("com.acme.A~m~00000001").isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(t.samples("com.acme.A~m~00000001")).hasSize(1);
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(th -> th.getName().equals("poet-dashboard-timeline"))
                    .isNotEmpty().allMatch(Thread::isDaemon);
        }
    }
}
