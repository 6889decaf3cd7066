package dev.poet.core.train.evidence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labelled detections of one method. An execution <em>alerted</em> when its recorded result carries a boolean
 * detection ({@code drift_detected}, or any key ending in {@code detected}) set to true; feedback labels it:
 * {@code label} {@code true_positive}, {@code false_positive}, {@code missed} (or {@code false_negative}),
 * {@code true_negative}, or {@code was_real_drift} true/false combined with whether it alerted. Alert lifecycle
 * feedback ({@code acknowledged} true/false on an alert) counts separately.
 *
 * @param withResult   executions whose recorded result says whether they alerted
 * @param alerted      of those, the ones that alerted
 * @param acknowledged alerts whose feedback said {@code acknowledged: true}
 * @param ignored      alerts whose feedback said {@code acknowledged: false}
 */
public record Detections(long withResult, long alerted, long truePositives, long falsePositives, long missed,
                         long trueNegatives, long acknowledged, long ignored) {

    public static final Detections NONE = new Detections(0, 0, 0, 0, 0, 0, 0, 0);

    /** Executions carrying a label. */
    public long labelled() {
        return truePositives + falsePositives + missed + trueNegatives;
    }

    /** False positives among labelled alerts; NaN without labelled alerts. */
    public double falsePositiveRate() {
        return ratio(falsePositives, truePositives + falsePositives);
    }

    /** Missed detections among labelled real events; NaN without any. */
    public double missedRate() {
        return ratio(missed, truePositives + missed);
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + missed);
    }

    public double accuracy() {
        return ratio(truePositives + trueNegatives, labelled());
    }

    /** Harmonic mean of precision and recall; NaN when either is. */
    public double f1() {
        double p = precision();
        double r = recall();
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Share of executions with a known result that alerted; NaN without any. */
    public double alertShare() {
        return ratio(alerted, withResult);
    }

    /** Share of alerts with lifecycle feedback that were ignored; NaN until such feedback exists. */
    public double alertFatigue() {
        return ratio(ignored, acknowledged + ignored);
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("with_result", withResult);
        m.put("alerted", alerted);
        m.put("true_positives", truePositives);
        m.put("false_positives", falsePositives);
        m.put("missed", missed);
        m.put("true_negatives", trueNegatives);
        m.put("acknowledged", acknowledged);
        m.put("ignored", ignored);
        return m;
    }
}
