package dev.poet.core.train.learn;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.bridge.record.ValueSnapshot;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.StoredRecordedInputs;
import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.Latency;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.runtime.params.Params;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionLearnerTest {

    static final String KEY = "com.example.Monitor~check~00000001";
    static final Map<String, Object> CONFIGURED = Map.of("significance", 0.05, "psi-threshold", 0.25,
            "season-length", 0, "window-size", 20);

    @TempDir
    Path dir;

    private static LearnerInput input(String objective, Map<String, Object> current, Detections d,
                                      String... explicit) {
        TrainedMethod m = new TrainedMethod(KEY, "Monitor.check", "ml_monitoring", objective, "v1", CONFIGURED,
                Set.of(explicit), Params.of(current));
        Evidence e = new Evidence(KEY, 0, 1, 40, 40, 0, 0, Map.of(1, 40L), Map.of(), 0, 0, Latency.NONE,
                Latency.NONE, 0, 40, Double.NaN, Double.NaN, d, d.labelled(), Map.of(), List.of(), Map.of());
        return new LearnerInput(m, Params.of(current), e, ParamBounds.defaults());
    }

    private static Detections labels(long tp, long fp, long missed) {
        return new Detections(40, tp + fp, tp, fp, missed, 0, 0, 0);
    }

    @Test
    void falseAlertsMakeTheDecisionStricterAndMissesLooser() {
        DetectionLearner learner = new DetectionLearner(null);
        Proposal stricter = learner.propose(input("alert_quality", CONFIGURED, labels(10, 10, 0))).orElseThrow();
        assertThat((double) stricter.values().get("significance")).isLessThan(0.05);
        assertThat((double) stricter.values().get("psi-threshold")).isGreaterThan(0.25);
        Proposal looser = learner.propose(input("alert_quality", CONFIGURED, labels(10, 0, 10))).orElseThrow();
        assertThat((double) looser.values().get("significance")).isGreaterThan(0.05);
        assertThat((double) looser.values().get("psi-threshold")).isLessThan(0.25);
    }

    @Test
    void goodLabelsTooFewLabelsOrAConflictChangeNothing() {
        DetectionLearner learner = new DetectionLearner(null);
        assertThat(learner.propose(input("alert_quality", CONFIGURED, labels(20, 1, 1)))).isEmpty();
        assertThat(learner.propose(input("alert_quality", CONFIGURED, labels(1, 3, 0)))).isEmpty();
        assertThat(learner.propose(input("alert_quality", CONFIGURED, labels(10, 10, 10)))).isEmpty();
    }

    @Test
    void theObjectiveSetsTheTolerance() {
        DetectionLearner learner = new DetectionLearner(null);
        Detections someFalse = labels(17, 3, 0);
        assertThat(learner.propose(input("precision", CONFIGURED, someFalse))).isPresent();
        assertThat(learner.propose(input("recall", CONFIGURED, someFalse))).isEmpty();
    }

    @Test
    void anExplicitlyConfiguredThresholdIsLeftAlone() {
        Proposal p = new DetectionLearner(null).propose(input("accuracy", CONFIGURED, labels(5, 10, 0),
                "significance")).orElseThrow();
        assertThat(p.values()).containsOnlyKeys("psi-threshold");
    }

    @Test
    void aSeasonInTheRecordedSeriesIsLearnedBeforeAnyThreshold() throws Exception {
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 100, 1L << 24, Optional.empty())) {
            for (int call = 0; call < 15; call++) {
                double[] series = new double[160];
                for (int t = 0; t < series.length; t++) {
                    series[t] = 6 * Math.sin(2 * Math.PI * (t + call * 7) / 32) + ((t * 7919 + call) % 13) / 13.0;
                }
                inputs.add(new RecordedExecution(KEY, "abcdefghijkl-" + call, call,
                        ValueSnapshot.ofArguments(new Object[] {series, "label"}), "{\"drift_detected\":true}",
                        "success"));
            }
            DetectionLearner learner = new DetectionLearner(inputs);
            Proposal p = learner.propose(input("alert_quality", CONFIGURED, labels(5, 15, 0))).orElseThrow();
            // Period 32, window 20: one whole season back.
            assertThat(p.values()).containsOnlyKeys("season-length");
            assertThat(((Number) p.values().get("season-length")).intValue()).isBetween(31, 33);

            Map<String, Object> seasonal = new HashMap<>(CONFIGURED);
            seasonal.put("season-length", 64);
            Proposal next = learner.propose(input("alert_quality", seasonal, labels(5, 15, 0))).orElseThrow();
            assertThat(next.values()).as("two whole seasons back is kept; thresholds move instead")
                    .containsOnlyKeys("significance", "psi-threshold");
        }
    }

    @Test
    void nearMultiplesTolerateAnEstimateOffByAPoint() {
        assertThat(DetectionLearner.nearMultiple(95, 96)).isTrue();
        assertThat(DetectionLearner.nearMultiple(190, 96)).isTrue();
        assertThat(DetectionLearner.nearMultiple(144, 96)).isFalse();
        assertThat(DetectionLearner.nearMultiple(20, 96)).isFalse();
    }
}
