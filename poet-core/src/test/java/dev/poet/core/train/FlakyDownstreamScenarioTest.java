package dev.poet.core.train;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.train.FlakyDownstream;

import dev.poet.bridge.Outcome;
import dev.poet.core.domains.DomainHarness;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.CostLearner;
import dev.poet.core.train.learn.LatencyLearner;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.event.PhaseEventSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measured scenario: a scripted flaky downstream with stragglers whose latency shifts mid-run, called through
 * the real base enhancement, the same calls twice: once with the static configuration, once with
 * {@code optimize-for=latency} and Train ticking every {@value #TICK_EVERY} calls (an injected clock moves one hour
 * per tick). Tries really take their (sub-millisecond) time, because the enforced deadline runs on real threads;
 * the whole test takes a few seconds.
 */
class FlakyDownstreamScenarioTest {

    static final String KEY = "com.example.train.FlakyDownstream~fetch~0000abcd";
    static final int CALLS = 800;
    static final int TICK_EVERY = 100;
    static final long HOUR = 3_600_000L;
    /** Both runs: no backoff sleep and a retry budget that never runs dry, so the comparison is deadline and attempts. */
    static final String[] STATIC = {"backoff-initial-ms", "0", "backoff-max-ms", "1", "retry-budget-max-tokens",
            "1000", "retry-budget-token-ratio", "1.0"};

    @TempDir
    Path home;

    record Figures(int failures, double p50, double p99, double max, Map<String, Object> learned) {
    }

    @Test
    void latencyTrainingBeatsTheStaticConfigurationOnFailuresAndP99() throws Exception {
        Figures fixed = run(false);
        Figures trained = run(true);
        System.out.printf("[scenario] %d calls, 30%% transient failures, 3%% stragglers of %d ms, latency x2 after"
                        + " call %d%n", CALLS, FlakyDownstream.STRAGGLER_MS, CALLS / 2);
        System.out.printf("[scenario] static:             failures=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                fixed.failures(), fixed.p50(), fixed.p99(), fixed.max());
        System.out.printf("[scenario] optimizeFor=latency: failures=%d p50=%.2f ms p99=%.2f ms max=%.2f ms"
                + " learned=%s%n", trained.failures(), trained.p50(), trained.p99(), trained.max(), trained.learned());

        assertThat(trained.failures()).as("caller-visible failures").isLessThan(fixed.failures());
        assertThat(trained.p99()).as("caller-visible p99").isLessThan(fixed.p99());
        assertThat(trained.learned()).containsKeys("timeout-ms", "retries");
    }

    private Figures run(boolean train) throws Exception {
        MemoryEventLog log = new MemoryEventLog();
        long[] now = {HOUR};
        EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        PhaseEventSink decisions = event -> record(log, factory, event, now[0]);
        DomainHarness h = DomainHarness.withSink(decisions, FlakyDownstream.class, "fetch", "base", STATIC);
        HarnessMethods methods = new HarnessMethods(KEY, "latency", h, everyOther(STATIC));
        ParamBounds bounds = ParamBounds.defaults().with("timeout-ms", 1, 60_000);
        TrainOrchestrator orchestrator = new TrainOrchestrator(TrainOptions.defaults().withBounds(bounds), methods,
                new EvidenceCollector(log, null), new LearnedParamsStore(home.resolve(train ? "t" : "s")),
                List.of(new LatencyLearner(), new CostLearner()), null,
                (type, cause, payload) -> {
                    Event e = factory.create(type, now[0], null, cause, payload);
                    append(log, e);
                    return e.id();
                }, null);
        FlakyDownstream app = new FlakyDownstream();
        double[] durations = new double[CALLS];
        int failures = 0;
        for (int i = 0; i < CALLS; i++) {
            if (i > 0 && i % TICK_EVERY == 0) {
                now[0] = (i / TICK_EVERY + 1) * HOUR;
                if (train) {
                    orchestrator.runOnce(now[0]);
                }
            }
            app.shifted = i >= CALLS / 2;
            app.call = i;
            app.tries.set(0);
            long start = System.nanoTime();
            Outcome o = h.call(app, "id" + i);
            double ms = (System.nanoTime() - start) / 1e6;
            durations[i] = ms;
            boolean failed = o.thrown != null;
            if (failed) {
                failures++;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", KEY);
            p.put("execution_id", "e" + i);
            p.put("duration_ms", ms);
            p.put("status", failed ? "failure" : "success");
            p.put("attempts", app.tries.get());
            append(log, factory.create(EventTypes.FUNCTION_EXECUTION, now[0] + i % TICK_EVERY, "e" + i, null, p));
        }
        double[] sorted = durations.clone();
        Arrays.sort(sorted);
        Map<String, Object> learned = new LinkedHashMap<>();
        for (String k : List.of("timeout-ms", "retries")) {
            if (methods.current().has(k)) {
                learned.put(k, methods.current().get(k));
            }
        }
        if (train) {
            assertThat(log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_CHANGED))).isNotEmpty();
        }
        return new Figures(failures, sorted[CALLS / 2], sorted[(int) Math.ceil(CALLS * 0.99) - 1],
                sorted[CALLS - 1], learned);
    }

    private static void record(MemoryEventLog log, EventFactory factory, PhaseEvent event, long at) {
        if (!EventTypes.FUNCTION_EXECUTION.equals(event.type())) {
            Map<String, Object> p = new LinkedHashMap<>(event.fields());
            p.put("method", KEY);
            append(log, factory.create(event.type(), at, null, null, p));
        }
    }

    private static void append(MemoryEventLog log, Event e) {
        try {
            log.append(List.of(e));
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private static String[] everyOther(String[] keysAndValues) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            keys.add(keysAndValues[i]);
        }
        return keys.toArray(new String[0]);
    }
}
