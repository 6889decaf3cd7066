package dev.poet.core.train.learn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.poet.core.log.PoetLog;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.RecordedInputs;
import dev.poet.core.train.Objective;
import dev.poet.core.train.evidence.Detections;
import dev.poet.runtime.stats.Seasonality;

/**
 * Learns the decision of a detecting method ({@code ml_monitoring}: {@code significance}, {@code psi-threshold},
 * {@code season-length}) from labelled feedback, toward {@code accuracy}, {@code precision}, {@code recall} or
 * {@code alert_quality}. One kind of change per run, so the orchestrator's watch judges one cause at a time:
 * <ol>
 *   <li><b>Season</b> first: when false positives exceed the objective's tolerance and the newest recorded series
 *       have a period (the median of {@link Seasonality}'s over the newest {@value #SERIES_LOOKED_AT} recorded
 *       calls, when at least half have one), {@code season-length} becomes the smallest multiple of that
 *       period that is at least {@code window-size} points, so the window is compared with the same phase of an
 *       earlier season and does not overlap it. A season already within {@value #SEASON_TOLERANCE} of such a
 *       multiple is kept.</li>
 *   <li><b>Thresholds</b> otherwise: too many false positives make the decision stricter — {@code significance} × {@value #STEP},
 *       {@code psi-threshold} ÷ {@value #STEP}; too many missed detections make it looser by the same factors.
 *       When both are too high there is no threshold that helps both, and nothing changes.</li>
 * </ol>
 * Tolerances (false-positive rate / missed-detection rate above which it acts): {@code precision} 0.1 / 0.5,
 * {@code recall} 0.5 / 0.05, {@code accuracy} and {@code alert_quality} 0.2 / 0.2. It acts on at least
 * {@value #MIN_LABELS} labelled alerts (for false positives) or labelled real events (for misses). It learns from
 * labels only: a busy period of real alerts is no reason to alert less.
 */
public final class DetectionLearner implements Learner {

    static final int MIN_LABELS = 5;
    static final double STEP = 0.5;
    /** Recorded executions whose series are looked at for a season; the median of their periods is taken. */
    static final int SERIES_LOOKED_AT = 15;
    /** A season within this share of a whole number of periods is kept: the estimate varies by a point or two. */
    static final double SEASON_TOLERANCE = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordedInputs inputs;

    /** @param inputs the recorded executions the season is read from, or {@code null} (no season is learned) */
    public DetectionLearner(RecordedInputs inputs) {
        this.inputs = inputs;
    }

    @Override
    public Set<Objective> objectives() {
        return EnumSet.of(Objective.ACCURACY, Objective.PRECISION, Objective.RECALL, Objective.ALERT_QUALITY);
    }

    @Override
    public Optional<Proposal> propose(LearnerInput in) {
        Objective objective = in.method().objective().orElse(Objective.ACCURACY);
        double fpTolerance = switch (objective) {
            case PRECISION -> 0.1;
            case RECALL -> 0.5;
            default -> 0.2;
        };
        double missTolerance = switch (objective) {
            case PRECISION -> 0.5;
            case RECALL -> 0.05;
            default -> 0.2;
        };
        Detections d = in.evidence().detections();
        long alerts = d.truePositives() + d.falsePositives();
        long real = d.truePositives() + d.missed();
        boolean tooManyAlerts = alerts >= MIN_LABELS && d.falsePositiveRate() > fpTolerance;
        boolean tooManyMissed = real >= MIN_LABELS && d.missedRate() > missTolerance;
        Proposal.Builder p = new Proposal.Builder();
        if (tooManyAlerts && in.learnable("season-length") && season(in, d, p)) {
            return p.build();
        }
        if (tooManyAlerts == tooManyMissed) {
            return Optional.empty();
        }
        double significance = in.current().getDouble("significance", Double.NaN);
        double psi = in.current().getDouble("psi-threshold", Double.NaN);
        String why = tooManyAlerts
                ? String.format(Locale.ROOT, "%d of %d labelled alerts were false (%.2f > %.2f for %s): stricter",
                d.falsePositives(), alerts, d.falsePositiveRate(), fpTolerance, objective.id())
                : String.format(Locale.ROOT, "%d of %d labelled real events were missed (%.2f > %.2f for %s): looser",
                d.missed(), real, d.missedRate(), missTolerance, objective.id());
        double factor = tooManyAlerts ? STEP : 1 / STEP;
        if (in.learnable("significance") && !Double.isNaN(significance)) {
            p.set("significance", significance * factor, why);
        }
        if (in.learnable("psi-threshold") && !Double.isNaN(psi)) {
            p.set("psi-threshold", psi / factor, why);
        }
        return p.build();
    }

    private boolean season(LearnerInput in, Detections d, Proposal.Builder p) {
        List<double[]> series = recentSeries(in.method().key());
        if (series.isEmpty()) {
            return false;
        }
        int window = Math.max(1, in.current().getInt("window-size", 1));
        int period = medianPeriod(series);
        if (period < 2) {
            return false;
        }
        int current = in.current().getInt("season-length", 0);
        if (current >= window && nearMultiple(current, period)) {
            return false;
        }
        int season = period * (int) Math.ceil((double) window / period);
        int shortest = Integer.MAX_VALUE;
        for (double[] s : series) {
            shortest = Math.min(shortest, s.length);
        }
        if (shortest < season + window) {
            // The analysis needs window + season points; a longer season than the calls carry would do nothing.
            return false;
        }
        p.set("season-length", season, String.format(Locale.ROOT,
                "%d of %d labelled alerts were false and the series repeats every %d points: the window of %d is"
                        + " compared with the same phase %d points earlier", d.falsePositives(),
                d.truePositives() + d.falsePositives(), period, window, season));
        return true;
    }

    /** The median of the periods found in the series that have one; 0 when fewer than half have one. */
    static int medianPeriod(List<double[]> series) {
        List<Integer> periods = new ArrayList<>();
        for (double[] s : series) {
            int period = Seasonality.period(s, s.length / 2);
            if (period >= 2) {
                periods.add(period);
            }
        }
        if (periods.size() * 2 < series.size()) {
            return 0;
        }
        Collections.sort(periods);
        return periods.get(periods.size() / 2);
    }

    /** Whether {@code season} is within {@value #SEASON_TOLERANCE} of a whole number of periods. */
    static boolean nearMultiple(int season, int period) {
        double cycles = (double) season / period;
        return Math.round(cycles) >= 1 && Math.abs(cycles - Math.round(cycles)) <= SEASON_TOLERANCE * cycles;
    }

    /** Per recent recorded execution, the longest numeric array among its arguments; oldest first. */
    private List<double[]> recentSeries(String methodKey) {
        List<double[]> out = new ArrayList<>();
        if (inputs == null) {
            return out;
        }
        try {
            for (RecordedExecution r : inputs.recent(methodKey, SERIES_LOOKED_AT)) {
                JsonNode args = JSON.readTree(r.arguments());
                double[] best = null;
                for (JsonNode arg : args) {
                    double[] values = numbers(arg);
                    if (values != null && (best == null || values.length > best.length)) {
                        best = values;
                    }
                }
                if (best != null) {
                    out.add(best);
                }
            }
        } catch (IOException | RuntimeException e) {
            PoetLog.suppressed("train: the recorded series of " + methodKey + " could not be read", e);
            out.clear();
        }
        return out;
    }

    private static double[] numbers(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber()) {
                return null;
            }
            out[i] = v.doubleValue();
        }
        return out;
    }
}
