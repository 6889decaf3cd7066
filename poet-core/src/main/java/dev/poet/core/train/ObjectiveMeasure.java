package dev.poet.core.train;

import java.util.OptionalDouble;

import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.VariantFeedback;

/**
 * The one number each {@link Objective} is judged by over a window of {@link Evidence}; <b>lower is better</b>
 * for every objective, so "worse" means the same everywhere:
 * <ul>
 *   <li>{@code latency}: {@code p99_ms × (1 + }{@value #FAILURE_WEIGHT}{@code  × failure_rate)}, the caller-visible
 *       p99 of every call (retries and backoff included) inflated by the share of calls the caller saw fail: each
 *       1 % of failures weighs as much as 10 % more p99, so a change cannot buy latency with failures.</li>
 *   <li>{@code cost}: {@code cpu_ms_per_success + allocated_bytes_per_success / 1 MiB}: CPU milliseconds plus
 *       allocated mebibytes of all calls (failed ones and retries included) per successful call.</li>
 *   <li>{@code precision}: {@code 1 − TP / (TP + FP)} of labelled alerts.</li>
 *   <li>{@code recall}: {@code 1 − TP / (TP + missed)} of labelled real events.</li>
 *   <li>{@code accuracy}: {@code 1 − (TP + TN) / labelled}.</li>
 *   <li>{@code alert_quality}: {@code 1 − F1 × volume}, where {@code volume} is 1 while at most
 *       {@value #ALERT_SHARE_BUDGET} of the executions with a known result alerted and
 *       {@code }{@value #ALERT_SHARE_BUDGET}{@code  / alert_share} beyond: alerting on everything is penalised even
 *       when every alert is labelled true.</li>
 *   <li>{@code quality}: {@code 1 − mean feedback score} of the window's scored feedback (a {@code score} in
 *       [0, 1], a 1–5 {@code rating}, a positive/negative {@code label}; see {@link VariantFeedback}).</li>
 * </ul>
 * A measure is absent when the window lacks what it needs (no calls, no CPU figures, no labels).
 */
public final class ObjectiveMeasure {

    /** Weight of the failure rate in the latency measure. */
    public static final double FAILURE_WEIGHT = 10.0;
    /** Share of executions that may alert before alert quality is penalised for volume. */
    public static final double ALERT_SHARE_BUDGET = 0.2;
    private static final double MIB = 1024.0 * 1024.0;

    private ObjectiveMeasure() {
    }

    /** The measure of {@code objective} over {@code evidence}; empty when it cannot be computed. */
    public static OptionalDouble of(Objective objective, Evidence evidence) {
        double v = switch (objective) {
            case LATENCY -> evidence.calls() == 0 ? Double.NaN
                    : evidence.latency().p99() * (1 + FAILURE_WEIGHT * evidence.failureRate());
            case COST -> Double.isNaN(evidence.cpuMsPerSuccess()) ? Double.NaN
                    : evidence.cpuMsPerSuccess() + (Double.isNaN(evidence.bytesPerSuccess()) ? 0
                    : evidence.bytesPerSuccess() / MIB);
            case PRECISION -> 1 - evidence.detections().precision();
            case RECALL -> 1 - evidence.detections().recall();
            case ACCURACY -> 1 - evidence.detections().accuracy();
            case ALERT_QUALITY -> 1 - alertQuality(evidence.detections());
            case QUALITY -> 1 - evidence.meanScore();
        };
        return Double.isNaN(v) || Double.isInfinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static double alertQuality(Detections d) {
        double f1 = d.f1();
        double share = d.alertShare();
        double volume = Double.isNaN(share) || share <= ALERT_SHARE_BUDGET ? 1 : ALERT_SHARE_BUDGET / share;
        return f1 * volume;
    }

    /**
     * Whether {@code after} is worse than {@code before} by more than {@code tolerance} (a share of
     * {@code before}; detection losses near zero are compared against at least 0.01).
     */
    public static boolean worse(double after, double before, double tolerance) {
        return after > before + tolerance * Math.max(Math.abs(before), 0.01);
    }
}
