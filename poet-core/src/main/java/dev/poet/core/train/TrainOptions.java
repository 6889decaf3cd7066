package dev.poet.core.train;

import dev.poet.core.config.PoetConfig;
import dev.poet.core.train.learned.ParamBounds;

/**
 * Train's settings, immutable.
 *
 * @param intervalMs            {@code poet.train.interval-ms}
 * @param minEvidence           {@code poet.train.min-evidence}
 * @param watchWindowMs         {@code poet.train.watch-window-ms}
 * @param falsePositiveRate     {@code poet.train.rule.false-positive-rate}: regenerate above
 * @param missedDetectionRate   {@code poet.train.rule.missed-detection-rate}: regenerate above
 * @param costEfficiency        {@code poet.train.rule.cost-efficiency}: regenerate below
 * @param alertFatigue          {@code poet.train.rule.alert-fatigue}: regenerate above
 * @param degradation           {@code poet.train.rule.degradation}: regenerate when the measure is this much worse
 *                              than its rolling average; undo a change whose window after is this much worse
 * @param bounds                bounds of learned parameters
 */
public record TrainOptions(long intervalMs, int minEvidence, long watchWindowMs, double falsePositiveRate,
                           double missedDetectionRate, double costEfficiency, double alertFatigue, double degradation,
                           ParamBounds bounds) {

    public static final long DEFAULT_INTERVAL_MS = 3_600_000L;
    public static final int DEFAULT_MIN_EVIDENCE = 20;

    public static TrainOptions defaults() {
        return new TrainOptions(DEFAULT_INTERVAL_MS, DEFAULT_MIN_EVIDENCE, DEFAULT_INTERVAL_MS, 0.3, 0.1, 0.5, 0.7,
                0.05, ParamBounds.defaults());
    }

    public static TrainOptions from(PoetConfig config) {
        return new TrainOptions(config.trainIntervalMs(), config.trainMinEvidence(), config.trainWatchWindowMs(),
                config.trainRule("false-positive-rate"), config.trainRule("missed-detection-rate"),
                config.trainRule("cost-efficiency"), config.trainRule("alert-fatigue"),
                config.trainRule("degradation"), ParamBounds.of(config.trainBounds()));
    }

    public TrainOptions withBounds(ParamBounds b) {
        return new TrainOptions(intervalMs, minEvidence, watchWindowMs, falsePositiveRate, missedDetectionRate,
                costEfficiency, alertFatigue, degradation, b);
    }

    public TrainOptions withMinEvidence(int n) {
        return new TrainOptions(intervalMs, n, watchWindowMs, falsePositiveRate, missedDetectionRate, costEfficiency,
                alertFatigue, degradation, bounds);
    }

    public TrainOptions withWatchWindowMs(long ms) {
        return new TrainOptions(intervalMs, minEvidence, ms, falsePositiveRate, missedDetectionRate, costEfficiency,
                alertFatigue, degradation, bounds);
    }
}
