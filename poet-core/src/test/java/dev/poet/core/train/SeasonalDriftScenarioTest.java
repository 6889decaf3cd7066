package dev.poet.core.train;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.train.LegacyDriftMonitor;

import dev.poet.bridge.Outcome;
import dev.poet.bridge.record.ValueSnapshot;
import dev.poet.core.domains.DomainHarness;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.feedback.FeedbackLimits;
import dev.poet.core.feedback.FeedbackOutcome;
import dev.poet.core.feedback.FeedbackParser;
import dev.poet.core.feedback.FeedbackService;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.StoredRecordedInputs;
import dev.poet.core.train.evidence.EvidenceCollector;
import dev.poet.core.train.learn.CostLearner;
import dev.poet.core.train.learn.DetectionLearner;
import dev.poet.core.train.learn.LatencyLearner;
import dev.poet.core.train.learned.LearnedParamsStore;
import dev.poet.runtime.domain.mlmonitoring.MlMonitor;
import dev.poet.runtime.event.PhaseEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measured detection scenario. A metric with a daily pattern ({@value #DAY} points a day) and level shifts at
 * known points is checked every {@value #STEP} points by a legacy drift check that alerts at every daily peak,
 * through the real {@code ml_monitoring} enhancement with {@code optimize-for=alert_quality}. A scripted operator
 * who knows the ground truth labels every alert, and every real drift that raised none, through the feedback
 * service in the feedback document's payload ({@code was_real_drift}, {@code reason}). Train runs every
 * {@value #TICK} checks on an injected clock that moves an hour per run.
 *
 * <p>Ground truth: a check sees a real drift when the newest level shift is 1 to {@value #REAL_AGE} points old
 * (a level change is news for two days); a drift the check should have caught is one {@value #MISS_FROM} to
 * {@value #MISS_UNTIL} points old. Figures are per third of the run.
 */
class SeasonalDriftScenarioTest {

    static final String KEY = "com.example.train.LegacyDriftMonitor~check~0000beef";
    static final int DAY = 96;
    static final int HISTORY = 200;
    static final int STEP = 8;
    static final int CHECKS = 480;
    static final int TICK = 40;
    static final int SHIFT_EVERY = 320;
    static final double SHIFT = 4.0;
    static final int REAL_AGE = 2 * DAY;
    static final int MISS_FROM = 20;
    static final int MISS_UNTIL = 90;
    static final long HOUR = 3_600_000L;

    @TempDir
    Path home;

    /** Alerts, false alerts, real-drift checks left silent and drifts with no alert at all, per third. */
    record Third(int alerts, int falseAlerts, int missedChecks, int driftChecks, int drifts, int missedDrifts,
                 int legacyAlerts, int legacyFalse) {
        double falsePositiveRate() {
            return alerts == 0 ? 0 : (double) falseAlerts / alerts;
        }

        double legacyFalsePositiveRate() {
            return legacyAlerts == 0 ? 0 : (double) legacyFalse / legacyAlerts;
        }
    }

    @Test
    void labelledFeedbackHalvesFalseAlertsWithoutMissingMoreDrifts() throws Exception {
        List<Third> thirds = new ArrayList<>();
        double[] untrained = new double[1];
        Map<String, Object> learned = run(thirds, untrained, Long.getLong("poet.scenario.seed", 7L));
        System.out.printf("[scenario] before Train's first run: fp-rate=%.3f%n", untrained[0]);
        for (int i = 0; i < thirds.size(); i++) {
            Third t = thirds.get(i);
            System.out.printf("[scenario] third %d: alerts=%d false=%d fp-rate=%.3f missed checks=%d of %d"
                            + " drifts=%d drifts without alert=%d | the method alone: alerts=%d fp-rate=%.3f%n", i + 1,
                    t.alerts(), t.falseAlerts(), t.falsePositiveRate(), t.missedChecks(), t.driftChecks(), t.drifts(),
                    t.missedDrifts(), t.legacyAlerts(), t.legacyFalsePositiveRate());
        }
        System.out.printf("[scenario] learned %s%n", learned);
        Third first = thirds.get(0);
        Third last = thirds.get(2);
        assertThat(untrained[0]).as("false-positive rate before Train's first run: the scenario is a hard one")
                .isGreaterThan(0.3);
        assertThat(last.falsePositiveRate()).as("false-positive rate, last third vs first")
                .isLessThanOrEqualTo(first.falsePositiveRate() / 2);
        assertThat(last.missedDrifts()).as("real drifts without any alert").isLessThanOrEqualTo(first.missedDrifts());
        assertThat(last.missedChecks()).as("checks that should have caught a drift and did not, of %d",
                last.driftChecks()).isLessThanOrEqualTo(last.driftChecks() / 10);
        assertThat(learned).containsKey("season-length");
    }

    @Test
    void withoutOptimizeForTheMethodDecidesAndNothingIsLearned() throws Exception {
        MemoryEventLog log = new MemoryEventLog();
        DomainHarness h = DomainHarness.withSink(e -> { }, LegacyDriftMonitor.class, "check", "ml_monitoring");
        LegacyDriftMonitor legacy = new LegacyDriftMonitor();
        double[] points = stream(new Random(3));
        int differ = 0;
        for (int i = 0; i < 60; i++) {
            double[] series = window(points, HISTORY + i * STEP);
            Map<?, ?> enhanced = (Map<?, ?>) h.call(legacy, (Object) series).value;
            Map<String, Object> own = legacy.check(series);
            assertThat(enhanced.get("drift_detected")).isEqualTo(own.get("drift_detected"));
            assertThat(enhanced.containsKey(MlMonitor.ORIGINAL_DECISION)).isFalse();
        }
        assertThat(h.events.events()).noneMatch(e -> e.type().equals(MlMonitor.DECISION_DIFFERS));
    }

    private Map<String, Object> run(List<Third> thirds, double[] untrained, long seed) throws Exception {
        MemoryEventLog log = new MemoryEventLog();
        long[] now = {HOUR};
        EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"), new Ticking(now));
        StoredRecordedInputs inputs = StoredRecordedInputs.open(home.resolve("record"), 1_000, 64L << 20,
                Optional.empty());
        try {
            DomainHarness h = DomainHarness.optimizing("alert_quality", event -> decision(log, factory, event),
                    LegacyDriftMonitor.class, "check", "ml_monitoring");
            HarnessMethods methods = new HarnessMethods(KEY, "LegacyDriftMonitor.check", "ml_monitoring",
                    "alert_quality", h);
            TrainOrchestrator orchestrator = new TrainOrchestrator(TrainOptions.defaults(), methods,
                    new EvidenceCollector(log, inputs), new LearnedParamsStore(home),
                    List.of(new LatencyLearner(), new CostLearner(), new DetectionLearner(inputs)), null,
                    (type, cause, payload) -> {
                        Event e = factory.create(type, now[0], null, cause, payload);
                        append(log, e);
                        return e.id();
                    }, null);
            FeedbackService feedback = new FeedbackService(log, factory, () -> { });
            FeedbackParser parser = new FeedbackParser(FeedbackLimits.defaults());
            LegacyDriftMonitor legacy = new LegacyDriftMonitor();
            double[] points = stream(new Random(seed));
            int[] alerts = new int[3];
            int[] falseAlerts = new int[3];
            int[] missedChecks = new int[3];
            int[] driftChecks = new int[3];
            int[] legacyAlerts = new int[3];
            int[] legacyFalse = new int[3];
            boolean[] caught = new boolean[CHECKS * STEP / SHIFT_EVERY + 2];
            int differ = 0;
            for (int i = 0; i < CHECKS; i++) {
                if (i > 0 && i % TICK == 0) {
                    if (i == TICK) {
                        untrained[0] = (double) falseAlerts[0] / Math.max(1, alerts[0]);
                    }
                    now[0] += HOUR;
                    orchestrator.runOnce(now[0]);
                }
                int t = HISTORY + i * STEP;
                double[] series = window(points, t);
                long at = now[0] + i % TICK;
                String id = "scenario0001-" + Integer.toString(i + 1, 32);
                Outcome o = h.call(legacy, (Object) series);
                assertThat(o.thrown).isNull();
                Map<?, ?> result = (Map<?, ?>) o.value;
                if (!result.get("drift_detected").equals(result.get(MlMonitor.ORIGINAL_DECISION))) {
                    differ++;
                }
                execution(log, factory, inputs, id, at, series, result);
                boolean alerted = Boolean.TRUE.equals(result.get("drift_detected"));
                int age = ageOfNewestShift(t);
                boolean real = age >= 1 && age <= REAL_AGE;
                int third = i * 3 / CHECKS;
                String label = null;
                if (Boolean.TRUE.equals(result.get(MlMonitor.ORIGINAL_DECISION))) {
                    legacyAlerts[third]++;
                    if (!real) {
                        legacyFalse[third]++;
                    }
                }
                if (age >= MISS_FROM && age <= MISS_UNTIL) {
                    driftChecks[third]++;
                }
                if (alerted) {
                    alerts[third]++;
                    if (real) {
                        caught[(t - age) / SHIFT_EVERY] = true;
                    } else {
                        falseAlerts[third]++;
                    }
                    label = real ? "{\"execution_id\":\"" + id + "\",\"feedback_type\":\"drift_validation\","
                            + "\"was_real_drift\":true,\"reason\":\"level_shift\"}"
                            : "{\"execution_id\":\"" + id + "\",\"feedback_type\":\"drift_validation\","
                            + "\"was_real_drift\":false,\"reason\":\"seasonal_pattern\","
                            + "\"business_context\":\"daily_peak\"}";
                } else if (age >= MISS_FROM && age <= MISS_UNTIL) {
                    missedChecks[third]++;
                    label = "{\"execution_id\":\"" + id + "\",\"feedback_type\":\"drift_validation\","
                            + "\"was_real_drift\":true,\"reason\":\"missed_level_shift\"}";
                }
                if (label != null) {
                    now[0] = at;
                    FeedbackOutcome out = feedback.submit(parser.parse(label), "operator");
                    now[0] = at - i % TICK;
                    assertThat(out).isInstanceOf(FeedbackOutcome.Accepted.class);
                }
            }
            assertThat(differ).as("calls where the enhancement's decision differs from the method's").isPositive();
            assertThat(log.query(EventQuery.all().withType(MlMonitor.DECISION_DIFFERS))).hasSize(differ);
            int shifts = CHECKS * STEP / SHIFT_EVERY;
            for (int third = 0; third < 3; third++) {
                int drifts = 0;
                int missed = 0;
                for (int s = 1; s <= shifts; s++) {
                    int shiftAt = s * SHIFT_EVERY;
                    int firstCheck = (shiftAt - HISTORY) / STEP;
                    if (firstCheck >= 0 && firstCheck * 3 / CHECKS == third
                            && shiftAt + REAL_AGE <= HISTORY + (CHECKS - 1) * STEP) {
                        drifts++;
                        if (!caught[s]) {
                            missed++;
                        }
                    }
                }
                thirds.add(new Third(alerts[third], falseAlerts[third], missedChecks[third], driftChecks[third],
                        drifts, missed, legacyAlerts[third], legacyFalse[third]));
            }
            Map<String, Object> learned = new LinkedHashMap<>();
            for (String k : List.of("season-length", "significance", "psi-threshold")) {
                learned.put(k, methods.current().get(k));
            }
            assertThat(log.query(EventQuery.all().withType(EventTypes.TRAIN_PARAMS_CHANGED))).isNotEmpty();
            return learned;
        } finally {
            inputs.close();
        }
    }

    /** Daily sine plus noise; every {@value #SHIFT_EVERY} points the level moves by ±{@value #SHIFT}. */
    static double[] stream(Random random) {
        double[] p = new double[HISTORY + CHECKS * STEP + 1];
        double level = 0;
        for (int t = 0; t < p.length; t++) {
            if (t > 0 && t % SHIFT_EVERY == 0) {
                level += (t / SHIFT_EVERY) % 2 == 1 ? SHIFT : -SHIFT;
            }
            p[t] = 20 + 6 * Math.sin(2 * Math.PI * t / DAY) + level + random.nextGaussian();
        }
        return p;
    }

    /** Points strictly before {@code t}, oldest first, {@value #HISTORY} of them. */
    static double[] window(double[] points, int t) {
        double[] w = new double[HISTORY];
        System.arraycopy(points, t - HISTORY, w, 0, HISTORY);
        return w;
    }

    /** Points since the newest shift before {@code t} (the shift point itself counts as one), or 0 before any. */
    static int ageOfNewestShift(int t) {
        int newest = ((t - 1) / SHIFT_EVERY) * SHIFT_EVERY;
        return newest == 0 ? 0 : t - newest;
    }

    private static void execution(MemoryEventLog log, EventFactory factory, StoredRecordedInputs inputs, String id,
                                  long at, double[] series, Map<?, ?> result) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", KEY);
        p.put("execution_id", id);
        p.put("duration_ms", 0.1);
        p.put("status", "success");
        p.put("attempts", 1);
        append(log, factory.create(EventTypes.FUNCTION_EXECUTION, at, id, null, p));
        inputs.add(new RecordedExecution(KEY, id, at, ValueSnapshot.ofArguments(new Object[] {series}),
                ValueSnapshot.of(result), "success"));
    }

    private static void decision(MemoryEventLog log, EventFactory factory, PhaseEvent event) {
        if (!EventTypes.FUNCTION_EXECUTION.equals(event.type())) {
            Map<String, Object> p = new LinkedHashMap<>(event.fields());
            p.put("method", KEY);
            append(log, factory.create(event.type(), factory.clock().millis(), null, null, p));
        }
    }

    private static void append(MemoryEventLog log, Event e) {
        try {
            log.append(List.of(e));
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }

    /** The scenario's clock: what {@code now[0]} says. */
    private static final class Ticking extends Clock {
        private final long[] now;

        Ticking(long[] now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now[0]);
        }
    }
}
