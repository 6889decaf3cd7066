package dev.poet.core.events.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;
import dev.poet.bridge.record.ExecutionSink;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventSource;
import dev.poet.core.events.EventTypes;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.RecordedInputs;

/**
 * Turns the calls recorded in the bridge's {@link ExecutionBuffer} into aggregates, events and recorded inputs, on
 * the event writer's thread (once per batch window, {@link #drainTo(List)}).
 *
 * <p>Every drained call updates its method's {@link MethodAggregates}. A {@code function.execution} event is
 * written for every call of a method with {@code optimize-for}, every call that failed, fell back, was retried,
 * had a violation, a repair or a rejection, and every call whose id someone saw (it may receive feedback); the
 * other calls are sampled at {@code sampleRate}, decided from the execution number (the same call always gets the
 * same answer, with no random source on the hot path). When the buffer dropped calls since the last drain, one
 * {@code events.dropped} event says how many.
 */
public final class ExecutionRecorder implements EventSource, ExecutionSink {

    private final ExecutionBuffer buffer;
    private final MethodDirectory methods;
    private final EventFactory events;
    private final long sampleThreshold;
    private final boolean sampleAll;
    private final RecordedInputs inputs;
    private final Map<String, MethodAggregates> aggregates = new ConcurrentHashMap<>();

    /** Only touched on the draining thread. */
    private List<Event> out;
    private long droppedSeen;
    private long unknownMethods;
    private long inputFailures;

    /**
     * @param sampleRate share of ordinary calls written as events, 0 to 1 ({@code poet.events.sample-rate})
     * @param inputs     where recorded inputs go, or {@code null} to keep none
     */
    public ExecutionRecorder(ExecutionBuffer buffer, MethodDirectory methods, EventFactory events, double sampleRate,
                             RecordedInputs inputs) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.methods = Objects.requireNonNull(methods, "methods");
        this.events = Objects.requireNonNull(events, "events");
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sample rate must be within 0..1: " + sampleRate);
        }
        this.sampleAll = sampleRate >= 1;
        // Compared against 53 uniform bits of the mixed execution number.
        this.sampleThreshold = (long) (sampleRate * (1L << 53));
        this.inputs = inputs;
    }

    /** Recorded inputs kept per method and batch window, the newest (see {@link #storeInputs()}). */
    static final int INPUTS_PER_WINDOW = 64;
    /** Recorded inputs of executions whose id was seen, kept per method and batch window. */
    static final int EXPOSED_INPUTS_PER_WINDOW = 256;
    private final Map<String, PendingInputs> pendingInputs = new LinkedHashMap<>();

    @Override
    public void drainTo(List<Event> sink) {
        out = sink;
        try {
            int max = buffer.capacity();
            buffer.drainTo(this, max);
            if (inputs != null) {
                storeInputs();
            }
            long dropped = buffer.dropped();
            if (dropped > droppedSeen) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("dropped", dropped - droppedSeen);
                payload.put("total_dropped", dropped);
                sink.add(events.create(EventTypes.EVENTS_DROPPED, null, null, payload));
                droppedSeen = dropped;
            }
        } catch (RuntimeException e) {
            // An event source must not throw; what was drained so far stands.
        } finally {
            out = null;
        }
    }

    /** Handles one drained record; called by the buffer during {@link #drainTo(List)}. */
    @Override
    public void accept(ExecutionRecord r) {
        MethodDirectory.MethodInfo info = methods.describe(r.methodId());
        if (info == null) {
            unknownMethods++;
            return;
        }
        aggregates.computeIfAbsent(info.key(), k -> new MethodAggregates()).add(r);
        String executionId = null;
        if (writesEvent(r)) {
            executionId = r.executionId();
            out.add(event(r, info, executionId));
        }
        if (inputs != null && r.arguments() != null) {
            RecordedExecution recorded = new RecordedExecution(info.key(),
                    executionId != null ? executionId : r.executionId(), r.startMillis(), r.arguments(), r.result(),
                    r.statusName());
            boolean exposed = (r.flags() & ExecutionFlags.ID_EXPOSED) != 0;
            pendingInputs.computeIfAbsent(info.key(), k -> new PendingInputs()).add(recorded, exposed);
        }
    }

    /**
     * Hands this window's recorded inputs to the store: per method the newest {@value #INPUTS_PER_WINDOW}, and every
     * execution whose id someone saw (feedback can only name those) up to {@value #EXPOSED_INPUTS_PER_WINDOW}. The
     * store keeps only the most recent few hundred per method anyway; writing every copy of a method called tens
     * of thousands of times a second would make the writer fall behind its window.
     */
    private void storeInputs() {
        if (pendingInputs.isEmpty()) {
            return;
        }
        for (PendingInputs pending : pendingInputs.values()) {
            for (RecordedExecution e : pending.inOrder()) {
                try {
                    inputs.add(e);
                } catch (Exception failure) {
                    inputFailures++;
                }
            }
        }
        pendingInputs.clear();
    }

    /** One method's recorded inputs of the current window, bounded. */
    private static final class PendingInputs {
        private final java.util.ArrayDeque<RecordedExecution> newest = new java.util.ArrayDeque<>();
        private final java.util.List<RecordedExecution> exposed = new java.util.ArrayList<>();

        void add(RecordedExecution e, boolean idExposed) {
            if (idExposed && exposed.size() < EXPOSED_INPUTS_PER_WINDOW) {
                exposed.add(e);
                return;
            }
            if (newest.size() == INPUTS_PER_WINDOW) {
                newest.removeFirst();
            }
            newest.addLast(e);
        }

        java.util.List<RecordedExecution> inOrder() {
            java.util.List<RecordedExecution> all = new java.util.ArrayList<>(exposed);
            all.addAll(newest);
            all.sort(java.util.Comparator.comparingLong(RecordedExecution::timestamp));
            return all;
        }
    }

    /** Whether this call gets its own {@code function.execution} event. */
    boolean writesEvent(ExecutionRecord r) {
        if (r.status() != ExecutionRecord.SUCCESS) {
            return true;
        }
        int always = ExecutionFlags.MEASURED | ExecutionFlags.RETRIED | ExecutionFlags.VIOLATION
                | ExecutionFlags.REPAIR | ExecutionFlags.REJECTED | ExecutionFlags.ID_EXPOSED;
        if ((r.flags() & always) != 0 || r.attempts() > 1) {
            return true;
        }
        return sampled(r.execution());
    }

    /** The sampling decision for an ordinary call: deterministic in its execution number. */
    boolean sampled(long execution) {
        return sampleAll || (mix(execution) >>> 11) < sampleThreshold;
    }

    private Event event(ExecutionRecord r, MethodDirectory.MethodInfo info, String executionId) {
        long start = r.startMillis();
        double durationMs = r.durationNanos() / 1_000_000.0;
        long end = start + Math.round(durationMs);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", info.key());
        p.put("function_name", info.displayName());
        p.put("version", info.version());
        p.put("execution_id", executionId);
        p.put("start_time", start);
        p.put("end_time", end);
        p.put("duration_ms", durationMs);
        p.put("duration_precise", r.preciseDuration());
        p.put("status", r.statusName());
        p.put("attempts", r.attempts());
        Throwable error = r.error();
        if (error != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", error.getClass().getName());
            e.put("message", error.getMessage());
            p.put("error", e);
        }
        if (r.hasFlag(ExecutionFlags.MEASURED)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cpu_time_ms", r.cpuNanos() < 0 ? null : r.cpuNanos() / 1_000_000.0);
            m.put("allocated_bytes", r.allocatedBytes() < 0 ? null : r.allocatedBytes());
            p.put("metrics", m);
        }
        return events.create(EventTypes.FUNCTION_EXECUTION, end, executionId, null, p);
    }

    /** Per method key, its aggregates (live objects; read them with {@link MethodAggregates#snapshot()}). */
    public Map<String, MethodAggregates> aggregates() {
        return Collections.unmodifiableMap(aggregates);
    }

    /** One method's aggregates, or {@code null} when none of its calls was recorded yet. */
    public AggregateSnapshot snapshot(String methodKey) {
        MethodAggregates a = aggregates.get(methodKey);
        return a == null ? null : a.snapshot();
    }

    /** Records of methods the directory did not know (dropped, not written). */
    public long unknownMethods() {
        return unknownMethods;
    }

    /** Recorded inputs the store refused. */
    public long inputFailures() {
        return inputFailures;
    }

    /** SplitMix64's finaliser: spreads consecutive execution numbers uniformly. */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

}
