package dev.poet.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

import dev.poet.bridge.MethodStats;
import dev.poet.core.events.record.AggregateSnapshot;
import dev.poet.core.events.record.ExecutionRecorder;
import dev.poet.core.events.record.MethodAggregates;
import dev.poet.core.events.record.MethodAggregates.LatencyBuckets;
import dev.poet.runtime.breaker.CircuitState;

/**
 * The agent's figures, read when asked for: from the engine's enhanced methods (their exact counters and breaker
 * state), the execution recorder's aggregates (repairs, rejections, latency), the generation outcomes and the
 * drop counters. {@link #snapshots()} turns them into the Prometheus client's snapshot model for the exposition
 * writers; {@link #figures()} is the same data for the MBeans. Nothing here records anything: every scrape builds
 * its snapshots from the live counters, and a part that is not there yet (no engine, no recorder) is simply absent.
 *
 * <p>Every per-method series has the labels {@code method} (the method key), {@code class} and {@code name}.
 */
public final class PoetMetrics {

    /** Upper bounds of the latency histogram, in nanoseconds; the last is +Inf. */
    public static final long[] BUCKET_BOUNDS_NANOS = {
            100_000L, 250_000L, 500_000L, 1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L,
            50_000_000L, 100_000_000L, 250_000_000L, 500_000_000L, 1_000_000_000L, 2_500_000_000L,
            5_000_000_000L, 10_000_000_000L, Long.MAX_VALUE};
    private static final double[] BUCKET_BOUNDS_SECONDS = new double[BUCKET_BOUNDS_NANOS.length];

    static {
        for (int i = 0; i < BUCKET_BOUNDS_NANOS.length; i++) {
            BUCKET_BOUNDS_SECONDS[i] = BUCKET_BOUNDS_NANOS[i] == Long.MAX_VALUE ? Double.POSITIVE_INFINITY
                    : BUCKET_BOUNDS_NANOS[i] / 1e9;
        }
    }

    private final Supplier<EnhancedMethods> methods;
    private final Supplier<ExecutionRecorder> recorder;
    private final GenerationCounts generations;
    private final LongSupplier bufferDropped;
    private final LongSupplier writerDropped;

    /**
     * @param methods       the engine once it exists, else {@code null}
     * @param recorder      the execution recorder once it runs, else {@code null}
     * @param generations   the engine's version outcomes
     * @param bufferDropped calls the execution buffer dropped because it was full
     * @param writerDropped events the writer dropped (full queue, failed write)
     */
    public PoetMetrics(Supplier<EnhancedMethods> methods, Supplier<ExecutionRecorder> recorder,
                       GenerationCounts generations, LongSupplier bufferDropped, LongSupplier writerDropped) {
        this.methods = Objects.requireNonNull(methods, "methods");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.generations = Objects.requireNonNull(generations, "generations");
        this.bufferDropped = Objects.requireNonNull(bufferDropped, "bufferDropped");
        this.writerDropped = Objects.requireNonNull(writerDropped, "writerDropped");
    }

    /** Every enhanced method's figures now, sorted by key; one entry per key (loaders' copies added up). */
    public List<MethodFigures> figures() {
        EnhancedMethods source = methods.get();
        if (source == null) {
            return List.of();
        }
        Map<String, List<EnhancedMethod>> byKey = new TreeMap<>();
        for (EnhancedMethod m : source.enhancedMethods()) {
            byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
        }
        ExecutionRecorder r = recorder.get();
        List<MethodFigures> out = new ArrayList<>(byKey.size());
        for (List<EnhancedMethod> copies : byKey.values()) {
            out.add(figuresOf(copies, r));
        }
        return out;
    }

    /** The figures of the method {@code key}, when it had an enhancement. */
    public Optional<MethodFigures> figures(String key) {
        EnhancedMethods source = methods.get();
        if (source == null) {
            return Optional.empty();
        }
        List<EnhancedMethod> copies = new ArrayList<>();
        for (EnhancedMethod m : source.enhancedMethods()) {
            if (m.key().equals(key)) {
                copies.add(m);
            }
        }
        return copies.isEmpty() ? Optional.empty() : Optional.of(figuresOf(copies, recorder.get()));
    }

    private MethodFigures figuresOf(List<EnhancedMethod> copies, ExecutionRecorder r) {
        EnhancedMethod shown = copies.get(0);
        for (EnhancedMethod m : copies) {
            if (m.running()) {
                shown = m;
                break;
            }
        }
        long calls = 0;
        long original = 0;
        long deliberate = 0;
        long fallbacks = 0;
        long retries = 0;
        long violations = 0;
        for (EnhancedMethod m : copies) {
            MethodStats s = m.stats();
            calls += s.calls.sum();
            original += s.failuresPassedThrough.sum();
            deliberate += s.deliberateFailures.sum();
            fallbacks += s.ownFailures.sum();
            retries += s.retries.sum();
            violations += s.violations.sum();
        }
        CircuitState breaker = shown.running() ? BreakerStates.of(shown.enhancement()) : null;
        MethodAggregates aggregates = r == null ? null : r.aggregates().get(shown.key());
        AggregateSnapshot a = aggregates == null ? null : aggregates.snapshot();
        LatencyBuckets latency = r == null ? null : aggregates == null
                ? new LatencyBuckets(new long[BUCKET_BOUNDS_NANOS.length], 0, 0)
                : aggregates.latencyBuckets(BUCKET_BOUNDS_NANOS);
        return new MethodFigures(shown.key(), shown.className(), shown.methodName(), shown.version(),
                shown.running() ? "active" : "inactive", calls, original, deliberate, fallbacks, retries, violations,
                a == null ? 0 : a.repairs(), a == null ? 0 : a.rejections(), a == null ? 0 : a.calls(),
                breaker == null ? null : breaker.name().toLowerCase(java.util.Locale.ROOT),
                a == null ? 0 : a.latencyCount(), a == null ? 0 : a.p50Nanos(), a == null ? 0 : a.p99Nanos(),
                a == null ? 0 : a.meanNanos(), latency, generations.of(shown.key()));
    }

    /** Everything as the Prometheus client's snapshots, for one scrape. */
    public MetricSnapshots snapshots() {
        List<MethodFigures> all = figures();
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(info(all));
        out.add(counter("poet_calls", "Calls that went through the enhancement", all, MethodFigures::calls));
        out.add(failures(all));
        out.add(counter("poet_fallbacks", "Calls where a failure of POET's own let the original's behaviour stand",
                all, MethodFigures::fallbacks));
        out.add(counter("poet_retries", "Extra attempts of the original beyond the first", all,
                MethodFigures::retries));
        out.add(counter("poet_violations", "Perceive and Enforce violations reported", all,
                MethodFigures::violations));
        out.add(counter("poet_repairs", "Recorded calls whose input or result was repaired", all,
                MethodFigures::repairs));
        out.add(counter("poet_rejections", "Recorded calls whose input was rejected", all,
                MethodFigures::rejections));
        out.add(counter("poet_recorded_calls", "Calls the execution recorder drained (dropped calls are not in it)",
                all, MethodFigures::recordedCalls));
        out.add(breakers(all));
        out.add(latency(all));
        out.add(generationOutcomes());
        out.add(drops());
        return new MetricSnapshots(out);
    }

    private static Labels labels(MethodFigures f) {
        return Labels.of("method", f.key(), "class", f.className(), "name", f.methodName());
    }

    private static MetricSnapshot info(List<MethodFigures> all) {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name("poet_method")
                .help("An enhanced method: the version that runs and whether it is active");
        for (MethodFigures f : all) {
            b.dataPoint(InfoDataPointSnapshot.builder().labels(labels(f)
                    .add("version", f.version() == null ? "" : f.version()).add("state", f.state())).build());
        }
        return b.build();
    }

    private static MetricSnapshot counter(String name, String help, List<MethodFigures> all,
                                          java.util.function.ToLongFunction<MethodFigures> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (MethodFigures f : all) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(labels(f)).value(value.applyAsLong(f)).build());
        }
        return b.build();
    }

    private static MetricSnapshot failures(List<MethodFigures> all) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("poet_failures")
                .help("Calls that ended in an exception: kind=original (the original's, after any retries) or "
                        + "kind=deliberate (POET's refusal: breaker open, deadline, rejected input)");
        for (MethodFigures f : all) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(labels(f).add("kind", "original"))
                    .value(f.originalFailures()).build());
            b.dataPoint(CounterDataPointSnapshot.builder().labels(labels(f).add("kind", "deliberate"))
                    .value(f.deliberateFailures()).build());
        }
        return b.build();
    }

    private static MetricSnapshot breakers(List<MethodFigures> all) {
        StateSetSnapshot.Builder b = StateSetSnapshot.builder().name("poet_breaker_state")
                .help("Circuit breaker state of each active method that has a breaker");
        for (MethodFigures f : all) {
            if (f.breakerState() == null) {
                continue;
            }
            StateSetDataPointSnapshot.Builder p = StateSetDataPointSnapshot.builder().labels(labels(f));
            for (CircuitState s : CircuitState.values()) {
                String name = s.name().toLowerCase(java.util.Locale.ROOT);
                p.state(name, name.equals(f.breakerState()));
            }
            b.dataPoint(p.build());
        }
        return b.build();
    }

    private static MetricSnapshot latency(List<MethodFigures> all) {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name("poet_call_duration_seconds")
                .unit(Unit.SECONDS)
                .help("Duration of the precisely timed calls (every call with optimize-for, a sample of the others)");
        for (MethodFigures f : all) {
            if (f.latency() == null) {
                continue;
            }
            b.dataPoint(HistogramDataPointSnapshot.builder().labels(labels(f))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BUCKET_BOUNDS_SECONDS, f.latency().counts()))
                    .sum(f.latency().sumNanos() / 1e9).build());
        }
        return b.build();
    }

    private MetricSnapshot generationOutcomes() {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("poet_generations")
                .help("Versions by outcome: succeeded, failed, activated, reused, rejected, quarantined");
        for (Map.Entry<String, Map<String, Long>> m : generations.byMethod().entrySet()) {
            for (Map.Entry<String, Long> o : m.getValue().entrySet()) {
                b.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(Labels.of("method", m.getKey(), "outcome", o.getKey())).value(o.getValue()).build());
            }
        }
        return b.build();
    }

    private MetricSnapshot drops() {
        Map<String, Long> sources = new LinkedHashMap<>();
        sources.put("execution_buffer", bufferDropped.getAsLong());
        sources.put("event_writer", writerDropped.getAsLong());
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("poet_events_dropped")
                .help("What was dropped rather than waited for (events.dropped): source=execution_buffer (calls, "
                        + "buffer full) or source=event_writer (events, queue full or write failed)");
        for (Map.Entry<String, Long> e : sources.entrySet()) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("source", e.getKey()))
                    .value(e.getValue()).build());
        }
        return b.build();
    }
}
