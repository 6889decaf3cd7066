package dev.poet.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.learned.LearnedParams;

/**
 * A method whose regeneration rules fired, with everything a generator needs to do better: the evidence, the
 * rates the rules looked at, the common reasons in feedback, the history of its learned parameters and, when the
 * version store has it, the source of the running version.
 *
 * @param rules         names of the rules that fired: {@code false_positive_rate}, {@code missed_detection_rate},
 *                      {@code cost_efficiency}, {@code alert_fatigue}, {@code degradation}
 * @param rates         the figures the rules compared (rule name to value, plus {@code measure} and
 *                      {@code rolling_average} for degradation)
 * @param currentSource the running version's source; {@code null} when not stored
 */
public record RegenerationRequest(TrainedMethod method, Objective objective, List<String> rules,
                                  Map<String, Object> rates, Evidence evidence, List<String> commonReasons,
                                  List<LearnedParams.Change> history, String currentSource) {

    public RegenerationRequest {
        rules = List.copyOf(rules);
        rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
        commonReasons = List.copyOf(commonReasons);
        history = List.copyOf(history);
    }
}
