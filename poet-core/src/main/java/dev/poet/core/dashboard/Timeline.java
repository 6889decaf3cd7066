package dev.poet.core.dashboard;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

import dev.poet.core.events.record.AggregateSnapshot;
import dev.poet.core.events.record.MethodAggregates;
import dev.poet.core.log.PoetLog;

/**
 * Per method, what its aggregates looked like every {@link #INTERVAL_MS}: the running counts and the latency
 * percentiles of the calls timed since the sample before, so a chart shows how latency moves rather than a
 * since-start figure that barely does. Kept for the last hour ({@link #SAMPLES} samples) and for at most
 * {@link #MAX_METHODS} methods, the first ones seen; nothing is written to disk. Thread-safe.
 */
public final class Timeline implements AutoCloseable {

    public static final long INTERVAL_MS = 10_000;
    /** One hour of samples. */
    public static final int SAMPLES = 360;
    /** Methods charted; later ones are counted in {@link #methodsLeftOut()}. */
    public static final int MAX_METHODS = 256;

    /**
     * One sample. Counts are since the application started; {@code window*} and the percentiles cover the calls
     * since the previous sample, and the percentiles are null when none of those was timed precisely.
     */
    public record Sample(long atMillis, long calls, long failures, long fallbacks, long retries, long violations,
                         long repairs, long windowCalls, long windowFailures, long windowLatencyCount,
                         Double p50Millis, Double p90Millis, Double p99Millis) {
    }

    private final Supplier<Map<String, MethodAggregates>> aggregates;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private volatile long methodsLeftOut;
    private ScheduledExecutorService schedule;

    /**
     * @param aggregates per method key its aggregates ({@code ExecutionRecorder.aggregates()}), empty until the
     *                   engine records anything (the HTTP server starts before it does)
     * @param capacity   samples kept per method
     */
    public Timeline(Supplier<Map<String, MethodAggregates>> aggregates, Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.aggregates = aggregates;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Samples now and then every {@link #INTERVAL_MS} on a daemon thread of its own, until {@link #close()}. */
    public synchronized Timeline start() {
        if (schedule == null) {
            schedule = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "poet-dashboard-timeline");
                t.setDaemon(true);
                return t;
            });
            schedule.scheduleAtFixedRate(this::sampleQuietly, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // A failed sample leaves a gap in the chart; the next one tries again.
            PoetLog.suppressed("dashboard: timeline sample", e);
        }
    }

    /** Takes one sample of every method with aggregates. */
    public void sample() {
        Map<String, MethodAggregates> all = aggregates.get();
        long now = clock.millis();
        long leftOut = 0;
        for (Map.Entry<String, MethodAggregates> e : all.entrySet()) {
            Series s = series.get(e.getKey());
            if (s == null) {
                if (series.size() >= MAX_METHODS) {
                    leftOut++;
                    continue;
                }
                s = series.computeIfAbsent(e.getKey(), k -> new Series(capacity));
            }
            s.add(now, e.getValue());
        }
        methodsLeftOut = leftOut;
    }

    /** The samples of every charted method, oldest first, by method key. */
    public Map<String, List<Sample>> samples() {
        Map<String, List<Sample>> out = new TreeMap<>();
        series.forEach((k, s) -> out.put(k, s.list()));
        return out;
    }

    /** The samples of one method, oldest first; empty for a method not charted. */
    public List<Sample> samples(String methodKey) {
        Series s = series.get(methodKey);
        return s == null ? List.of() : s.list();
    }

    /** Methods with recorded calls that are not charted because {@link #MAX_METHODS} were already. */
    public long methodsLeftOut() {
        return methodsLeftOut;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }

    private static final class Series {
        private final int capacity;
        private final ArrayDeque<Sample> samples;
        private Histogram previousLatency;
        private AggregateSnapshot previous;

        Series(int capacity) {
            this.capacity = capacity;
            this.samples = new ArrayDeque<>(Math.min(capacity, 64));
        }

        synchronized void add(long now, MethodAggregates aggregates) {
            // The copy first, then the counts: a call recorded in between is in the counts and, at worst, timed in
            // the next window, never the other way round.
            Histogram latency = aggregates.latencyCopy();
            AggregateSnapshot a = aggregates.snapshot();
            Histogram window = latency.copy();
            if (previousLatency != null) {
                window.subtract(previousLatency);
            }
            long windowCalls = a.calls() - (previous == null ? 0 : previous.calls());
            long windowFailures = a.failures() - (previous == null ? 0 : previous.failures());
            long timed = window.getTotalCount();
            samples.addLast(new Sample(now, a.calls(), a.failures(), a.fallbacks(), a.retries(), a.violations(),
                    a.repairs(), windowCalls, windowFailures, timed, percentile(window, timed, 50),
                    percentile(window, timed, 90), percentile(window, timed, 99)));
            while (samples.size() > capacity) {
                samples.removeFirst();
            }
            previousLatency = latency;
            previous = a;
        }

        synchronized List<Sample> list() {
            return Collections.unmodifiableList(new ArrayList<>(samples));
        }

        private static Double percentile(Histogram h, long count, double p) {
            return count == 0 ? null : h.getValueAtPercentile(p) / 1_000_000.0;
        }
    }
}
