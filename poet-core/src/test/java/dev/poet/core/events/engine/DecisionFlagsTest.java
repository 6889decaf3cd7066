package dev.poet.core.events.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.poet.runtime.event.PhaseEvent;

import static dev.poet.bridge.record.ExecutionFlags.REJECTED;
import static dev.poet.bridge.record.ExecutionFlags.REPAIR;
import static dev.poet.bridge.record.ExecutionFlags.VIOLATION;
import static org.assertj.core.api.Assertions.assertThat;

class DecisionFlagsTest {

    @ParameterizedTest(name = "{0} action={1}")
    @CsvSource(nullValues = "-", value = {
            "perceive.violation,   reported,   V",
            "perceive.violation,   unrepaired, V",
            "perceive.violation,   repaired,   VR",
            "perceive.violation,   rejected,   VX",
            "enforce.violation,    repaired,   VR",
            "enforce.violation,    rejected,   VX",
            "perceive.violation,   -,          V",
            "llm.output_too_short, retried,    V",
            "llm.output_too_short, reported,   V",
            "llm.output_truncated, repaired,   VR",
            "ml.samples_cleaned,   repaired,   VR",
            "ml.too_few_samples,   reported,   V",
            "ml.result_repaired,   -,          R",
            "ml.decision_differs,  -,          R",
            "financial.rounded,    -,          R",
            "api.status_normalised, -,         R",
            "api.error_shaped,     -,          R",
            "breaker.not_permitted, -,         X",
            "breaker.fallback,     -,          X",
            "deadline.exceeded,    -,          X",
            "deadline.overrun,     -,          -",
            "deadline.not_enforced, -,         -",
            "retry.scheduled,      -,          -",
            "retry.exhausted,      -,          -",
            "retry.budget_exhausted, -,        -",
            "breaker.transition,   -,          -",
            "ml.drift,             -,          -",
            "ml.data_quality,      -,          -",
            "llm.prompt_variant,   -,          -",
            "params.rejected,      -,          -"})
    void eachDecisionSetsTheBitsOfWhatItDidToTheCall(String type, String action, String expected) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (action != null) {
            fields.put("action", action);
        }
        int flags = DecisionFlags.of(new PhaseEvent(type, "k", 0, fields));

        int want = 0;
        if (expected != null) {
            want |= expected.contains("V") ? VIOLATION : 0;
            want |= expected.contains("R") ? REPAIR : 0;
            want |= expected.contains("X") ? REJECTED : 0;
        }
        assertThat(flags).isEqualTo(want);
    }
}
