package dev.poet.core.events.record;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.ExecutionIds;
import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventTypes;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.RecordedInputs;

import static org.assertj.core.api.Assertions.assertThat;

/** Which calls become events, what their payload says, what goes to recorded inputs, and the drop event. */
class ExecutionRecorderTest {

    private final ExecutionBuffer buffer = new ExecutionBuffer(64);
    private final EventFactory events = new EventFactory(new EventMetadata("1.0", "test", "svc"),
            Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC));
    private final MethodDirectory directory = id -> id == 1
            ? new MethodDirectory.MethodInfo("com.acme.Pricing~quote~abc", "com.acme.Pricing.quote", "v2")
            : null;
    private final List<RecordedExecution> kept = new ArrayList<>();
    private final RecordedInputs inputs = new RecordedInputs() {
        @Override
        public void add(RecordedExecution execution) {
            kept.add(execution);
        }

        @Override
        public List<RecordedExecution> recent(String methodKey, int max) {
            return kept;
        }

        @Override
        public Optional<RecordedExecution> get(String methodKey, String executionId) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    };

    private void offer(long execution, int status, int attempts, int flags, Throwable error) {
        buffer.offer(1, execution, 1_000, 2_500_000, status, attempts, flags, error, -1, -1, null, null);
    }

    private ExecutionRecorder recorder(double rate) {
        return new ExecutionRecorder(buffer, directory, events, rate, inputs);
    }

    private static long ordinaryNumberNotSampled(ExecutionRecorder r, long from) {
        long n = from;
        while (r.sampled(n)) {
            n++;
        }
        return n;
    }

    @Test
    void everyNotableCallIsWrittenAndOrdinaryOnesAreNotAtRateZero() {
        ExecutionRecorder recorder = recorder(0.0);
        offer(1, ExecutionRecord.SUCCESS, 1, 0, null);
        offer(2, ExecutionRecord.FAILURE, 1, 0, new IllegalArgumentException("bad"));
        offer(3, ExecutionRecord.FALLBACK, 0, 0, new IllegalStateException("ours"));
        offer(4, ExecutionRecord.SUCCESS, 3, ExecutionFlags.RETRIED, null);
        offer(5, ExecutionRecord.SUCCESS, 1, ExecutionFlags.VIOLATION, null);
        offer(6, ExecutionRecord.SUCCESS, 1, ExecutionFlags.REPAIR, null);
        offer(7, ExecutionRecord.SUCCESS, 1, ExecutionFlags.REJECTED, null);
        offer(8, ExecutionRecord.SUCCESS, 1, ExecutionFlags.ID_EXPOSED, null);
        offer(9, ExecutionRecord.SUCCESS, 1, ExecutionFlags.MEASURED | ExecutionFlags.PRECISE_DURATION, null);
        List<Event> out = new ArrayList<>();
        recorder.drainTo(out);
        assertThat(out).extracting(e -> e.payload().get("execution_id"))
                .containsExactly(ids(2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(recorder.snapshot("com.acme.Pricing~quote~abc").calls()).isEqualTo(9);
    }

    private static Object[] ids(long... ns) {
        Object[] out = new Object[ns.length];
        for (int i = 0; i < ns.length; i++) {
            out[i] = ExecutionIds.format(ns[i]);
        }
        return out;
    }

    @Test
    void thePayloadIsTheDocumentedOne() {
        ExecutionRecorder recorder = recorder(0.0);
        buffer.offer(1, 2, 1_000, 2_500_000, ExecutionRecord.FAILURE, 2, ExecutionFlags.RETRIED, new IllegalArgumentException("bad"),
                -1, -1, null, null);
        buffer.offer(1, 3, 2_000, 1_000_000, ExecutionRecord.SUCCESS, 1,
                ExecutionFlags.MEASURED | ExecutionFlags.PRECISE_DURATION, null, 3_000_000, 4096, "[1]", "2");
        List<Event> out = new ArrayList<>();
        recorder.drainTo(out);
        Event failed = out.get(0);
        assertThat(failed.type()).isEqualTo(EventTypes.FUNCTION_EXECUTION);
        assertThat(failed.correlationId()).isEqualTo(ExecutionIds.format(2));
        assertThat(failed.timestamp()).isEqualTo(1_003);
        Map<String, Object> p = failed.payload();
        assertThat(p).containsEntry("method", "com.acme.Pricing~quote~abc")
                .containsEntry("function_name", "com.acme.Pricing.quote").containsEntry("version", "v2")
                .containsEntry("start_time", 1_000L).containsEntry("end_time", 1_003L)
                .containsEntry("duration_ms", 2.5).containsEntry("duration_precise", false)
                .containsEntry("status", "failure").containsEntry("attempts", 2)
                .containsEntry("error", Map.of("type", IllegalArgumentException.class.getName(), "message", "bad"))
                .doesNotContainKey("metrics");
        Map<String, Object> measured = out.get(1).payload();
        assertThat(measured).containsEntry("status", "success").containsEntry("duration_precise", true)
                .containsEntry("metrics", Map.of("cpu_time_ms", 3.0, "allocated_bytes", 4096L))
                .doesNotContainKey("error");
        assertThat(kept).containsExactly(new RecordedExecution("com.acme.Pricing~quote~abc",
                ExecutionIds.format(3), 2_000, "[1]", "2", "success"));
    }

    @Test
    void perWindowTheNewestInputsAndThoseOfExecutionsWhoseIdWasSeenAreStored() {
        ExecutionBuffer big = new ExecutionBuffer(1024);
        ExecutionRecorder recorder = new ExecutionRecorder(big, directory, events, 0.0, inputs);
        int n = 300;
        for (long e = 1; e <= n; e++) {
            int flags = ExecutionFlags.MEASURED | (e % 50 == 0 ? ExecutionFlags.ID_EXPOSED : 0);
            big.offer(1, e, 1_000 + e, 1_000_000, ExecutionRecord.SUCCESS, 1, flags, null, -1, 10, "[" + e + "]", "1");
        }
        List<Event> out = new ArrayList<>();
        recorder.drainTo(out);
        assertThat(out).hasSize(n);
        List<String> stored = kept.stream().map(RecordedExecution::arguments).toList();
        // Every execution whose id was seen, and the 64 newest of the others, oldest first.
        List<Long> others = new ArrayList<>();
        for (long e = 1; e <= n; e++) {
            if (e % 50 != 0) {
                others.add(e);
            }
        }
        java.util.Set<Long> newest = new java.util.HashSet<>(
                others.subList(others.size() - ExecutionRecorder.INPUTS_PER_WINDOW, others.size()));
        List<String> expected = new ArrayList<>();
        for (long e = 1; e <= n; e++) {
            if (e % 50 == 0 || newest.contains(e)) {
                expected.add("[" + e + "]");
            }
        }
        assertThat(stored).as("oldest first").containsExactlyElementsOf(expected);
    }

    @Test
    void ordinaryCallsAreSampledDeterministicallyNearTheRate() {
        ExecutionRecorder recorder = recorder(0.01);
        int sampled = 0;
        for (long n = 1; n <= 200_000; n++) {
            if (recorder.sampled(n)) {
                sampled++;
            }
            assertThat(recorder.sampled(n)).isEqualTo(recorder.sampled(n));
        }
        assertThat(sampled).isBetween(1_800, 2_200);
        assertThat(recorder(1.0).sampled(ordinaryNumberNotSampled(recorder, 1))).isTrue();

        long chosen = 1;
        while (!recorder.sampled(chosen)) {
            chosen++;
        }
        long skipped = ordinaryNumberNotSampled(recorder, 1);
        offer(chosen, ExecutionRecord.SUCCESS, 1, 0, null);
        offer(skipped, ExecutionRecord.SUCCESS, 1, 0, null);
        List<Event> out = new ArrayList<>();
        recorder.drainTo(out);
        assertThat(out).extracting(e -> e.payload().get("execution_id")).containsExactly(ExecutionIds.format(chosen));
    }

    @Test
    void dropsSinceTheLastDrainBecomeOneEventAndUnknownMethodsAreCounted() {
        ExecutionBuffer small = new ExecutionBuffer(2);
        ExecutionRecorder recorder = new ExecutionRecorder(small, directory, events, 0.0, null);
        for (int i = 0; i < 5; i++) {
            small.offer(1, i + 1, 0, 0, ExecutionRecord.FAILURE, 1, 0, null, -1, -1, null, null);
        }
        List<Event> out = new ArrayList<>();
        recorder.drainTo(out);
        assertThat(out).extracting(Event::type).containsExactly(EventTypes.FUNCTION_EXECUTION,
                EventTypes.FUNCTION_EXECUTION, EventTypes.EVENTS_DROPPED);
        assertThat(out.get(2).payload()).containsEntry("dropped", 3L).containsEntry("total_dropped", 3L);
        out.clear();
        small.offer(7, 1, 0, 0, ExecutionRecord.FAILURE, 1, 0, null, -1, -1, null, null);
        recorder.drainTo(out);
        assertThat(out).isEmpty();
        assertThat(recorder.unknownMethods()).isEqualTo(1);
    }
}
