package dev.poet.runtime.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The drift statistics of one call: computed by {@link DriftAnalyzer}, added to a {@code Map} result by the
 * {@code ml_monitoring} domain under the keys of {@link #asMap()}.
 */
public final class DriftReport {

    public final double ksStatistic;
    public final double ksPValue;
    public final double psi;
    public final double klDivergence;
    public final int referenceSize;
    public final int windowSize;
    public final String window;
    /** {@code p < significance}. */
    public final boolean significant;
    /** Significant, or a PSI above the threshold. */
    public final boolean driftDetected;
    /** The KS statistic: in [0, 1], 0 = identical distributions. */
    public final double score;

    DriftReport(KolmogorovSmirnov.Result ks, double psi, double kl, Windows.Split split, double significance,
                double psiThreshold) {
        this.ksStatistic = ks.statistic;
        this.ksPValue = ks.pValue;
        this.psi = psi;
        this.klDivergence = kl;
        this.referenceSize = split.reference.length;
        this.windowSize = split.current.length;
        this.window = split.method;
        this.significant = ks.pValue < significance;
        this.driftDetected = significant || psi > psiThreshold;
        this.score = Math.max(0.0, Math.min(1.0, ks.statistic));
    }

    /**
     * {@code ks_statistic}, {@code ks_p_value}, {@code psi}, {@code kl_divergence}, {@code reference_size},
     * {@code window_size}, {@code window} (fixed/seasonal/adaptive/two-samples), {@code significant},
     * {@code drift_detected}, {@code score}.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<String, Object>();
        m.put("ks_statistic", ksStatistic);
        m.put("ks_p_value", ksPValue);
        m.put("psi", psi);
        m.put("kl_divergence", klDivergence);
        m.put("reference_size", referenceSize);
        m.put("window_size", windowSize);
        m.put("window", window);
        m.put("significant", significant);
        m.put("drift_detected", driftDetected);
        m.put("score", score);
        return m;
    }

    @Override
    public String toString() {
        return "DriftReport" + asMap();
    }
}
