package dev.poet.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventJson;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.store.EventStoreOptions;
import dev.poet.core.events.store.LocalEventLog;

/**
 * Sustained events per second to disk, as the background writer produces them: one thread builds realistic
 * {@code function.execution} events in batches, appends them and syncs every 200 ms, for (a) the segment log with
 * its MVStore index ({@link LocalEventLog}) and (b) everything in MVStore ({@link MvStoreOnlyLog}). Building and
 * encoding the events is part of the cost measured, as it is in the writer.
 *
 * <p>{@code java -cp poet-bench/target/benchmarks.jar dev.poet.bench.store.StoreThroughputHarness [seconds] [dir]}
 */
public final class StoreThroughputHarness {

    private static final int BATCH = 1000;
    private static final long SYNC_NANOS = 200_000_000L;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path base = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("poet-store-bench");
        EventFactory factory = new EventFactory(new EventMetadata("0.1.0", "bench", "billing-service"),
                Clock.systemUTC());
        System.out.printf("event size: %d bytes of JSON (a function.execution with metrics)%n",
                EventJson.encode(event(factory, 1)).length);
        System.out.printf("cores: %d, load average before: %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("build + encode only (no disk): %.0f events/s%n", encodeOnly(factory, 3));
        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "warm-up" : "measured";
            System.out.printf("%s (a) segment log + MVStore index: %s%n", label,
                    segmentLog(factory, base.resolve("a" + round), round == 0 ? 5 : seconds));
            System.out.printf("%s (b) MVStore only, a map per stream: %s%n", label,
                    mvStoreOnly(factory, base.resolve("b" + round), round == 0 ? 5 : seconds));
        }
        System.out.printf("load average after: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        delete(base);
    }

    static Event event(EventFactory factory, long n) {
        String id = ExecutionIds.format(n);
        long start = System.currentTimeMillis();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", "com.acme.billing.PricingService~quote~3f9a2c1b");
        p.put("function_name", "quote");
        p.put("version", "v3");
        p.put("execution_id", id);
        p.put("start_time", start);
        p.put("end_time", start + 2);
        p.put("duration_ms", 1.734);
        p.put("status", (n & 63) == 0 ? "failure" : "success");
        p.put("attempts", 1);
        p.put("metrics", Map.of("cpu_time_ms", 1.52, "allocated_bytes", 18432));
        return factory.create(EventTypes.FUNCTION_EXECUTION, start, id, null, p);
    }

    private static double encodeOnly(EventFactory factory, int seconds) {
        long n = 0;
        long bytes = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < BATCH; i++) {
                bytes += EventJson.encode(event(factory, ++n)).length;
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException("nothing encoded");
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private interface Sink {
        void append(List<Event> batch) throws IOException;

        void sync() throws IOException;
    }

    private static String run(EventFactory factory, int seconds, Sink sink, Path dir) throws IOException {
        long n = 0;
        long syncs = 0;
        long maxSyncNanos = 0;
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        long lastSync = t0;
        List<Event> batch = new ArrayList<>(BATCH);
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            batch.clear();
            for (int i = 0; i < BATCH; i++) {
                batch.add(event(factory, ++n));
            }
            sink.append(batch);
            if (System.nanoTime() - lastSync >= SYNC_NANOS) {
                long s = System.nanoTime();
                sink.sync();
                long took = System.nanoTime() - s;
                maxSyncNanos = Math.max(maxSyncNanos, took);
                syncs++;
                lastSync = System.nanoTime();
            }
        }
        sink.sync();
        double secs = (System.nanoTime() - t0) / 1e9;
        long size = size(dir);
        return String.format("%.0f events/s (%d events in %.1f s, %d syncs, slowest sync %.1f ms, %.1f MB on disk)",
                n / secs, n, secs, syncs, maxSyncNanos / 1e6, size / 1e6);
    }

    private static String segmentLog(EventFactory factory, Path dir, int seconds) throws IOException {
        try (LocalEventLog log = LocalEventLog.open(dir, EventStoreOptions.defaults(), Clock.systemUTC())) {
            return run(factory, seconds, new Sink() {
                @Override
                public void append(List<Event> batch) throws IOException {
                    log.append(batch);
                }

                @Override
                public void sync() throws IOException {
                    log.sync();
                }
            }, dir);
        } finally {
            delete(dir);
        }
    }

    private static String mvStoreOnly(EventFactory factory, Path dir, int seconds) throws IOException {
        Files.createDirectories(dir);
        try (MvStoreOnlyLog log = new MvStoreOnlyLog(dir.resolve("events.mv.db"))) {
            return run(factory, seconds, new Sink() {
                @Override
                public void append(List<Event> batch) {
                    log.append(batch);
                }

                @Override
                public void sync() {
                    log.sync();
                }
            }, dir);
        } finally {
            delete(dir);
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
