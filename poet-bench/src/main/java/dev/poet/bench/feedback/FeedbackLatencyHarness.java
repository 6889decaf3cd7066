package dev.poet.bench.feedback;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.store.EventStoreOptions;
import dev.poet.core.events.store.LocalEventLog;
import dev.poet.core.events.write.EventWriter;
import dev.poet.core.feedback.Feedback;
import dev.poet.core.feedback.FeedbackLimits;
import dev.poet.core.feedback.FeedbackOutcome;
import dev.poet.core.feedback.FeedbackParser;
import dev.poet.core.feedback.FeedbackService;
import dev.poet.core.http.FeedbackRoute;
import dev.poet.core.http.HttpOptions;
import dev.poet.core.http.PoetHttpServer;
import dev.poet.core.http.Router;

/**
 * Latency of {@code POST /poet/feedback} end to end, the fsync before the acknowledgement included: a real
 * {@link LocalEventLog} in a folder on the disk under test, {@code function.execution} events written and synced
 * first (so the feedback finds its execution through the index), the real {@link PoetHttpServer} with
 * {@link FeedbackRoute} and {@link FeedbackService} wired as the agent wires them (two handler threads), and the
 * JDK's {@link HttpClient} over real sockets on 127.0.0.1, posting the feedback document's example payload.
 *
 * <p>Reported, each from an HdrHistogram: {@code FileChannel.force} alone after a small append (what one sync
 * costs on this disk), {@link FeedbackService#submit} in process (parse + look-up + append + fsync, no HTTP),
 * then HTTP sequentially from one client and from 8 concurrent clients (each with its own {@code HttpClient},
 * hence its own connection). The rate limit is raised out of the way; every response must be 201.
 *
 * <p>{@code java -cp poet-bench/target/benchmarks.jar dev.poet.bench.feedback.FeedbackLatencyHarness [count] [dir]}
 * — {@code count} posts per phase (default 2000), {@code dir} the parent folder of the store (default a temporary
 * folder; removed afterwards).
 */
public final class FeedbackLatencyHarness {

    private static final int EXECUTIONS = 10_000;
    private static final int CLIENTS = 8;
    private static final int WARM_UP = 500;
    private static final long HIGHEST_NANOS = 60_000_000_000L;
    private static final String METHOD = "com.acme.monitoring.DriftDetector~detect~7c21e0aa";

    private FeedbackLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path parent = args.length > 1 ? Path.of(args[1]) : null;
        Path base = parent == null ? Files.createTempDirectory("poet-feedback-bench")
                : Files.createTempDirectory(Files.createDirectories(parent), "poet-feedback-bench");
        System.out.printf("cores: %d, load average before: %.2f, store under %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), base, Files.getFileStore(base).type());
        try {
            forceAlone(base.resolve("force-alone.bin"), count);
            run(base, count);
        } finally {
            delete(base);
        }
        System.out.printf("load average after: %.2f%n", loadAverage());
    }

    /** One small append and {@code force(false)} (as the segment writer syncs), {@code count} times. */
    private static void forceAlone(Path file, int count) throws IOException {
        Histogram h = histogram();
        ByteBuffer record = ByteBuffer.allocate(400);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (int i = 0; i < WARM_UP + count; i++) {
                record.clear();
                ch.write(record);
                long t0 = System.nanoTime();
                ch.force(false);
                long took = System.nanoTime() - t0;
                if (i >= WARM_UP) {
                    h.recordValue(took);
                }
            }
        }
        print("FileChannel.force(false) after a 400-byte append", h, -1);
    }

    private static void run(Path base, int count) throws Exception {
        Path home = base.resolve("home");
        EventFactory factory = new EventFactory(new EventMetadata("0.1.0", "bench", "monitoring-service"),
                Clock.systemUTC());
        try (LocalEventLog log = LocalEventLog.open(home.resolve("events"), EventStoreOptions.defaults(),
                Clock.systemUTC())) {
            List<String> ids = writeExecutions(log, factory);
            EventWriter writer = new EventWriter(log, 200, 65_536, factory);
            writer.start();
            FeedbackParser parser = new FeedbackParser(FeedbackLimits.defaults());
            FeedbackService service = new FeedbackService(log, factory, writer::flushNow);
            Router router = new Router();
            new FeedbackRoute(parser, service).addTo(router);
            // The agent's two handler threads and its default body limit; the rate limit out of the way.
            HttpOptions options = new HttpOptions("127.0.0.1", 0, Optional.empty(), 65_536, 1_000_000, home, 2);
            PoetHttpServer server = PoetHttpServer.start(options, router);
            try {
                inProcess(parser, service, ids, count);
                URI uri = server.baseUri().resolve(FeedbackRoute.PATH);
                HttpClient one = client();
                post(one, uri, ids, 0, WARM_UP, null);
                sequential(one, uri, ids, count);
                concurrent(uri, ids, count);
            } finally {
                server.close();
                writer.close(5_000);
            }
            long stored = log.query(new EventQuery(EventTypes.FUNCTION_FEEDBACK, null, 0, null, 0)).size();
            long expected = (WARM_UP + count) * 2L + WARM_UP / CLIENTS * CLIENTS + count;
            System.out.printf("feedback events stored: %d (expected %d)%n", stored, expected);
            if (stored != expected) {
                throw new IllegalStateException("acknowledged feedback missing from the store");
            }
        }
    }

    private static List<String> writeExecutions(LocalEventLog log, EventFactory factory) throws IOException {
        List<String> ids = new ArrayList<>(EXECUTIONS);
        List<Event> batch = new ArrayList<>(1000);
        for (int i = 0; i < EXECUTIONS; i++) {
            String id = ExecutionIds.format(ExecutionIds.next());
            ids.add(id);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", METHOD);
            p.put("execution_id", id);
            p.put("status", "success");
            p.put("duration_ms", 3.2);
            p.put("attempts", 1);
            batch.add(factory.create(EventTypes.FUNCTION_EXECUTION, id, null, p));
            if (batch.size() == 1000) {
                log.append(batch);
                batch.clear();
            }
        }
        log.append(batch);
        log.sync();
        return ids;
    }

    /** The feedback document's own example, for execution {@code id}. */
    static String payload(String id) {
        return "{\"execution_id\": \"" + id + "\", \"feedback_type\": \"drift_validation\", \"was_real_drift\": false,"
                + " \"reason\": \"seasonal_pattern\", \"business_context\": \"christmas_shopping_spike\"}";
    }

    private static void inProcess(FeedbackParser parser, FeedbackService service, List<String> ids, int count)
            throws Exception {
        Histogram h = histogram();
        for (int i = 0; i < WARM_UP + count; i++) {
            byte[] body = payload(ids.get(i % ids.size())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            Feedback f = parser.parse(body);
            FeedbackOutcome outcome = service.submit(f, "bench");
            long took = System.nanoTime() - t0;
            if (!(outcome instanceof FeedbackOutcome.Accepted)) {
                throw new IllegalStateException("feedback not accepted: " + outcome);
            }
            if (i >= WARM_UP) {
                h.recordValue(took);
            }
        }
        print("FeedbackService.submit in process (parse, look-up, append, fsync; no HTTP)", h, -1);
    }

    private static void sequential(HttpClient client, URI uri, List<String> ids, int count) throws Exception {
        Histogram h = histogram();
        long t0 = System.nanoTime();
        post(client, uri, ids, WARM_UP, count, h);
        print("HTTP POST, 1 client, sequential", h, System.nanoTime() - t0);
    }

    private static void concurrent(URI uri, List<String> ids, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<HttpClient> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(client());
            }
            // Warm each client's connection and the server's threads before timing.
            List<Future<Histogram>> warm = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                HttpClient client = clients.get(c);
                int from = c * (WARM_UP / CLIENTS);
                warm.add(pool.submit(() -> post(client, uri, ids, from, WARM_UP / CLIENTS, null)));
            }
            for (Future<Histogram> f : warm) {
                f.get();
            }
            Histogram total = histogram();
            List<Callable<Histogram>> tasks = new ArrayList<>();
            int per = count / CLIENTS;
            for (int c = 0; c < CLIENTS; c++) {
                HttpClient client = clients.get(c);
                int from = WARM_UP + c * per;
                int n = c == CLIENTS - 1 ? count - per * (CLIENTS - 1) : per;
                tasks.add(() -> post(client, uri, ids, from, n, histogram()));
            }
            long t0 = System.nanoTime();
            for (Future<Histogram> f : pool.invokeAll(tasks)) {
                total.add(f.get());
            }
            print("HTTP POST, " + CLIENTS + " concurrent clients", total, System.nanoTime() - t0);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Posts {@code n} feedbacks starting at execution {@code from}; each must be 201. */
    private static Histogram post(HttpClient client, URI uri, List<String> ids, int from, int n, Histogram into)
            throws Exception {
        for (int i = 0; i < n; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload(ids.get((from + i) % ids.size())))).build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t0;
            if (response.statusCode() != 201) {
                throw new IllegalStateException("expected 201, got " + response.statusCode() + ": " + response.body());
            }
            if (into != null) {
                into.recordValue(took);
            }
        }
        return into;
    }

    private static HttpClient client() {
        // The JDK server speaks HTTP/1.1 only; without this the client would offer an h2c upgrade on every request.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    private static void print(String label, Histogram h, long elapsedNanos) {
        String throughput = elapsedNanos > 0
                ? String.format(", %.0f/s", h.getTotalCount() * 1e9 / elapsedNanos) : "";
        System.out.printf("%-78s n=%d  p50 %s  p90 %s  p99 %s  max %s  mean %s%s%n", label, h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), ms((long) h.getMean()), throughput);
    }

    private static String ms(long nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
