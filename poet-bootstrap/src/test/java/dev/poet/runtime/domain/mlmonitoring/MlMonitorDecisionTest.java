package dev.poet.runtime.domain.mlmonitoring;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.poet.runtime.event.InMemoryEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

import static org.assertj.core.api.Assertions.assertThat;

class MlMonitorDecisionTest {

    private final InMemoryEventSink events = new InMemoryEventSink();

    private MlMonitor monitor(String optimizeFor, double significance) {
        Map<String, Object> p = new HashMap<>();
        p.put("min-samples", 10);
        p.put("window-size", 20);
        p.put("season-length", 0);
        p.put("adaptive-window", false);
        p.put("adwin-delta", 0.002);
        p.put("bins", 10);
        p.put("significance", significance);
        p.put("psi-threshold", 0.25);
        if (optimizeFor != null) {
            p.put("optimize-for", optimizeFor);
        }
        return new MlMonitor("k", "check", new ParamsRef(Params.of(p)), events);
    }

    /** Forty flat points, then twenty far higher: a drift by every statistic. */
    private static double[] shifted() {
        double[] s = new double[60];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i < 40 ? 0 : 10) + (i % 3) * 0.1;
        }
        return s;
    }

    private Map<?, ?> call(MlMonitor m, double[] series, Object ownDecision) {
        Object[] args = m.perceive(new Object[] {series});
        m.analyze(args);
        Map<String, Object> own = new LinkedHashMap<>();
        if (ownDecision != null) {
            own.put("drift_detected", ownDecision);
        }
        return (Map<?, ?>) m.enforce(own, true);
    }

    @Test
    void aDetectionObjectiveMakesTheEnhancementDecideAndKeepsTheMethodsAnswer() {
        MlMonitor m = monitor("alert_quality", 0.05);
        assertThat(m.decides()).isTrue();
        Map<?, ?> out = call(m, shifted(), false);
        assertThat(out.get("drift_detected")).isEqualTo(true);
        assertThat(out.get(MlMonitor.ORIGINAL_DECISION)).isEqualTo(false);
        assertThat(events.ofType(MlMonitor.DECISION_DIFFERS)).hasSize(1);
        assertThat(events.ofType(MlMonitor.DECISION_DIFFERS).get(0).fields())
                .containsEntry("original", false).containsEntry("decided", true);
    }

    @Test
    void agreeingDecisionsAreNoEvent() {
        MlMonitor m = monitor("precision", 0.05);
        Map<?, ?> out = call(m, shifted(), true);
        assertThat(out.get("drift_detected")).isEqualTo(true);
        assertThat(out.get(MlMonitor.ORIGINAL_DECISION)).isEqualTo(true);
        assertThat(events.ofType(MlMonitor.DECISION_DIFFERS)).isEmpty();
    }

    @Test
    void withoutADetectionObjectiveTheMethodDecides() {
        for (String objective : new String[] {null, "latency", "cost", "bogus"}) {
            MlMonitor m = monitor(objective, 0.05);
            assertThat(m.decides()).as(objective).isFalse();
            Map<?, ?> out = call(m, shifted(), false);
            assertThat(out.get("drift_detected")).as(objective).isEqualTo(false);
            assertThat(out.containsKey(MlMonitor.ORIGINAL_DECISION)).as(objective).isFalse();
        }
        assertThat(events.ofType(MlMonitor.DECISION_DIFFERS)).isEmpty();
    }

    @Test
    void objectiveNamesAreMatchedAsConfigurationWritesThem() {
        assertThat(MlMonitor.isDetectionObjective(" Alert-Quality ")).isTrue();
        assertThat(MlMonitor.isDetectionObjective("RECALL")).isTrue();
        assertThat(MlMonitor.isDetectionObjective("")).isFalse();
    }
}
