package dev.poet.core.telemetry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import dev.poet.runtime.time.CoarseClock;
import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.core.config.PoetConfig;
import dev.poet.core.dashboard.DashboardRoute;
import dev.poet.core.dashboard.Timeline;
import dev.poet.core.dashboard.TimelineRoute;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.events.record.ExecutionRecorder;
import dev.poet.core.events.record.MethodDirectory;
import dev.poet.core.events.store.EventStoreOptions;
import dev.poet.core.events.store.LocalEventLog;
import dev.poet.core.events.write.EventWriter;
import dev.poet.core.feedback.FacadeFeedback;
import dev.poet.core.feedback.FeedbackLimits;
import dev.poet.core.feedback.FeedbackParser;
import dev.poet.core.feedback.FeedbackService;
import dev.poet.core.http.EventsRoute;
import dev.poet.core.http.FeedbackRoute;
import dev.poet.core.http.HttpOptions;
import dev.poet.core.http.OpenApiRoute;
import dev.poet.core.http.PoetHttpServer;
import dev.poet.core.http.Router;
import dev.poet.core.log.PoetLog;
import dev.poet.core.metrics.EnhancedMethods;
import dev.poet.core.metrics.GenerationCounts;
import dev.poet.core.metrics.JmxRegistration;
import dev.poet.core.metrics.MetricsRoute;
import dev.poet.core.metrics.PoetMetrics;
import dev.poet.core.replay.RecordKey;
import dev.poet.core.replay.RecordedInputs;
import dev.poet.core.replay.StoredRecordedInputs;
import dev.poet.core.train.learned.LearnedParamsStore;

/**
 * Everything that records what the agent did and takes feedback in, started together and stopped in order: the
 * event store under {@code poet.home/events}, the one event writer, the execution buffer the bridge fills and the
 * recorder that drains it, recorded inputs, the feedback service behind the facade, and the HTTP server.
 *
 * <p>Start-up never fails the application: a part that cannot start is logged and left out, and the rest runs
 * (without a store, nothing is recorded and feedback is refused as not stored).
 */
public final class Telemetry implements AutoCloseable {

    /** Upper bound of queued phase decisions and engine events between two writes. */
    private static final int DECISION_QUEUE = 65_536;
    private static final long CLOSE_WAIT_MS = 5_000;
    private static final long MAINTENANCE_MINUTES = 5;

    private final EventLog log;
    private final EventWriter writer;
    private final EventFactory factory;
    private final ExecutionBuffer buffer;
    private final RecordedInputs inputs;
    private final FeedbackService feedback;
    private final PoetConfig config;
    private volatile ExecutionRecorder recorder;
    private volatile PoetHttpServer http;
    private final GenerationCounts generations = new GenerationCounts();
    private volatile EnhancedMethods enhanced;
    private final PoetMetrics metrics;
    private volatile JmxRegistration jmx;
    private volatile Timeline timeline;
    private volatile Router router;
    private java.util.concurrent.ScheduledExecutorService maintenance;

    private Telemetry(PoetConfig config, EventLog log, EventWriter writer, EventFactory factory,
                      ExecutionBuffer buffer, RecordedInputs inputs, FeedbackService feedback) {
        this.config = config;
        this.log = log;
        this.writer = writer;
        this.factory = factory;
        this.buffer = buffer;
        this.inputs = inputs;
        this.feedback = feedback;
        this.metrics = new PoetMetrics(() -> enhanced, () -> recorder, generations, buffer::dropped,
                writer::dropped);
    }

    /**
     * Opens the store and starts the writer; installs the execution buffer and the facade's feedback handler.
     * Returns empty (and logs why) when the store cannot be opened: the agent then runs without events.
     *
     * @param agentVersion written into every event's metadata
     */
    public static Optional<Telemetry> start(PoetConfig config, String agentVersion, Clock clock) {
        LocalEventLog log;
        Path dir = config.home().resolve("events");
        try {
            log = LocalEventLog.open(dir, new EventStoreOptions(config.eventsRetentionDays(),
                    config.eventsMaxBytes(), EventStoreOptions.DEFAULT_SEGMENT_BYTES), clock);
        } catch (IOException | RuntimeException e) {
            PoetLog.warn("events: the event store " + dir + " cannot be opened (" + e.getMessage()
                    + "); nothing is recorded and feedback is refused");
            return Optional.empty();
        }
        EventFactory factory = new EventFactory(new EventMetadata(agentVersion, config.environment(),
                config.serviceName().orElse(null)), clock);
        EventWriter writer = new EventWriter(log, config.eventsBatchMs(), DECISION_QUEUE, factory);
        RecordedInputs inputs = null;
        if (config.recordInputs()) {
            try {
                Optional<byte[]> key = RecordKey.parse(config.recordKey().orElse(null));
                inputs = StoredRecordedInputs.open(dir.resolve("recorded-inputs"), config.recordMaxPerMethod(),
                        config.recordMaxBytesPerMethod(), key);
            } catch (IOException | RuntimeException e) {
                // A bad or wrong key turns recording off; it never falls back to keeping the data unencrypted.
                PoetLog.warn("events: recorded inputs are off: " + e.getMessage());
            }
        }
        ExecutionBuffer buffer = new ExecutionBuffer(ExecutionBuffer.capacityFor(config.eventsBufferSize()));
        FeedbackParser parser = new FeedbackParser(FeedbackLimits.defaults());
        FeedbackService feedback = new FeedbackService(log, factory, writer::flushNow);
        Telemetry telemetry = new Telemetry(config, log, writer, factory, buffer, inputs, feedback);
        writer.start();
        telemetry.scheduleMaintenance(log);
        new FacadeFeedback(parser, feedback).install();
        telemetry.startHttp(parser);
        return Optional.of(telemetry);
    }

    /** Where the engine says what it does (generations, activations, rejections, quarantines, decisions). */
    public EngineEvents engineEvents() {
        return generations.around(EngineEvents.writingTo(writer, factory));
    }

    /**
     * Serves the figures of {@code methods} (the engine) on {@code /poet/metrics} and, unless
     * {@code poet.jmx.enabled=false}, as MBeans registered {@code poet.jmx.delay-ms} from now. Called once the
     * engine exists.
     */
    public void observe(EnhancedMethods methods) {
        enhanced = methods;
        if (config.jmxEnabled() && jmx == null) {
            jmx = JmxRegistration.start(metrics, config.jmxDelayMs());
        }
    }

    /** The figures behind {@code /poet/metrics} and the MBeans. */
    public PoetMetrics metrics() {
        return metrics;
    }

    /**
     * Starts recording executions: the recorder learns each method's key and version from {@code methods} (the
     * engine), and the bridge starts filling the buffer. Called once the engine exists.
     */
    public void recordExecutions(MethodDirectory methods) {
        ExecutionRecorder r = new ExecutionRecorder(buffer, methods, factory, config.eventsSampleRate(), inputs);
        recorder = r;
        writer.addSource(r);
        CoarseClock.start();
        ExecutionBuffer.install(buffer);
    }

    /** The recorder, once {@link #recordExecutions} ran; its aggregates feed status and metrics. */
    public Optional<ExecutionRecorder> recorder() {
        return Optional.ofNullable(recorder);
    }

    public EventLog log() {
        return log;
    }

    public EventWriter writer() {
        return writer;
    }

    /** Stamps the events of this run. */
    public EventFactory factory() {
        return factory;
    }

    public Optional<RecordedInputs> recordedInputs() {
        return Optional.ofNullable(inputs);
    }

    /** Retention, the size cap and indexing other writers' segments, off the application's threads. */
    private void scheduleMaintenance(LocalEventLog store) {
        maintenance = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poet-events-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(() -> {
            try {
                store.maintain();
            } catch (IOException | RuntimeException e) {
                PoetLog.warn("events: store maintenance failed, retried later: " + e.getMessage());
            }
        }, MAINTENANCE_MINUTES, MAINTENANCE_MINUTES, java.util.concurrent.TimeUnit.MINUTES);
    }

    private void startHttp(FeedbackParser parser) {
        Optional<HttpOptions> options = HttpOptions.from(config);
        if (options.isEmpty()) {
            return;
        }
        Router router = new Router();
        new FeedbackRoute(parser, feedback).addTo(router);
        new EventsRoute(log, Clock.systemUTC()).addTo(router);
        new MetricsRoute(metrics).addTo(router);
        addDashboard(router);
        new OpenApiRoute().addTo(router);
        try {
            http = PoetHttpServer.start(options.get(), router);
            this.router = router;
        } catch (IOException | RuntimeException e) {
            PoetLog.warn("HTTP API not started on " + options.get().host() + ":" + options.get().port() + ": "
                    + e.getMessage());
        }
    }

    /** The dashboard and its timeline; a dashboard that cannot be set up is left out, the API still runs. */
    private void addDashboard(Router router) {
        try {
            new DashboardRoute().addTo(router);
            Timeline t = new Timeline(() -> recorder().map(ExecutionRecorder::aggregates)
                    .orElse(java.util.Map.of()), Clock.systemUTC(), Timeline.SAMPLES);
            new TimelineRoute(t, log, new LearnedParamsStore(config.home()), Clock.systemUTC()).addTo(router);
            timeline = t.start();
        } catch (RuntimeException e) {
            PoetLog.warn("HTTP API: the dashboard is not served: " + e);
        }
    }

    /**
     * Adds routes to the running server: for routes over parts that exist only once the engine is built. The
     * server answers them from the next request on. Fail-open: a route that cannot be added is logged, never thrown.
     *
     * @return whether the server runs (when it does not, {@code routes} is not called)
     */
    public boolean addRoutes(java.util.function.Consumer<Router> routes) {
        Router r = router;
        if (r == null || http == null) {
            return false;
        }
        try {
            routes.accept(r);
        } catch (RuntimeException e) {
            PoetLog.warn("HTTP API: routes could not be added: " + e);
        }
        return true;
    }

    /**
     * The HTTP server's routes, when it was configured: routes of other rooms (templates) join it after start.
     */
    public Optional<Router> router() {
        return http == null ? Optional.empty() : Optional.ofNullable(router);
    }

    /** The HTTP server, when it runs. */
    public Optional<PoetHttpServer> http() {
        return Optional.ofNullable(http);
    }

    /**
     * Stops taking feedback and HTTP requests, writes what is buffered, and closes the store. Executions the
     * application makes after this are not recorded.
     */
    @Override
    public void close() {
        PoetHttpServer server = http;
        if (server != null) {
            server.close();
        }
        Timeline t = timeline;
        if (t != null) {
            t.close();
        }
        FacadeFeedback.uninstall();
        JmxRegistration registration = jmx;
        if (registration != null) {
            registration.close();
        }
        ExecutionBuffer.install(null);
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        try {
            writer.close(CLOSE_WAIT_MS);
        } catch (RuntimeException e) {
            PoetLog.suppressed("events: the last batch was not written", e);
        }
        closeQuietly(log, "event store");
        if (inputs != null) {
            closeQuietly(inputs, "recorded inputs");
        }
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        try {
            c.close();
        } catch (Exception e) {
            PoetLog.warn("events: " + what + " not closed cleanly: " + e.getMessage());
        }
    }
}
