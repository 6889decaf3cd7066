package dev.poet.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;

/**
 * The rules that ask for a regenerated version, each with its configurable threshold ({@link TrainOptions}):
 * <ul>
 *   <li>{@code false_positive_rate}: false positives among labelled alerts above the threshold (0.3);</li>
 *   <li>{@code missed_detection_rate}: missed detections among labelled real events above it (0.1);</li>
 *   <li>{@code cost_efficiency}: successful calls per attempt made below it (0.5): most attempts are wasted;</li>
 *   <li>{@code alert_fatigue}: ignored alerts among alerts with lifecycle feedback ({@code acknowledged}) above it
 *       (0.7); silent until such feedback exists;</li>
 *   <li>{@code degradation}: the objective's measure worse than the rolling average of the previous
 *       {@value #ROLLING} windows by more than the threshold (0.05); needs {@value #MIN_HISTORY} of them.</li>
 * </ul>
 * A rate with nothing to compute it from never fires.
 */
final class RegenerationRules {

    static final int ROLLING = 5;
    static final int MIN_HISTORY = 3;

    private final TrainOptions options;

    RegenerationRules(TrainOptions options) {
        this.options = options;
    }

    /** Rule name to the figure it compared, for the rules that fired (in the order above); empty when none did. */
    Map<String, Object> fired(Evidence e, OptionalDouble measure, List<Double> previous) {
        Map<String, Object> fired = new LinkedHashMap<>();
        Detections d = e.detections();
        above(fired, "false_positive_rate", d.falsePositiveRate(), options.falsePositiveRate());
        above(fired, "missed_detection_rate", d.missedRate(), options.missedDetectionRate());
        long attempts = e.totalAttempts();
        if (attempts > 0) {
            double efficiency = (double) e.successes() / attempts;
            if (efficiency < options.costEfficiency()) {
                fired.put("cost_efficiency", efficiency);
            }
        }
        above(fired, "alert_fatigue", d.alertFatigue(), options.alertFatigue());
        if (measure.isPresent() && previous.size() >= MIN_HISTORY) {
            double sum = 0;
            for (double v : previous) {
                sum += v;
            }
            double average = sum / previous.size();
            if (ObjectiveMeasure.worse(measure.getAsDouble(), average, options.degradation())) {
                fired.put("degradation", measure.getAsDouble());
                fired.put("rolling_average", average);
            }
        }
        return fired;
    }

    private static void above(Map<String, Object> fired, String rule, double value, double threshold) {
        if (!Double.isNaN(value) && value > threshold) {
            fired.put(rule, value);
        }
    }
}
