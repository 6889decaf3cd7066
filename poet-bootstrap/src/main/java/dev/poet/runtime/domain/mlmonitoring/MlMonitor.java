package dev.poet.runtime.domain.mlmonitoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Derived;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.stats.DriftAnalyzer;
import dev.poet.runtime.stats.DriftReport;
import dev.poet.runtime.time.Clock;

/**
 * The {@code ml_monitoring} domain, one instance per method. Sample arguments are {@code double[]},
 * {@code float[]} and {@code Collection}s of {@code Number}s.
 *
 * <ul>
 *   <li>{@link #perceive}: drops NaN and ±∞ from every sample argument (a new array or list; the caller's stays
 *       untouched) with an {@value #SAMPLES_CLEANED} event; reports the call's data quality (finite share of all
 *       sample values) as {@value #DATA_QUALITY} when below 1; reports a sample smaller than {@code min-samples}
 *       ({@value #TOO_FEW_SAMPLES}).</li>
 *   <li>{@link #analyze}: with two or more sample arguments the first is the reference and the second the
 *       current sample; with one, it is a series split into reference and the newest {@code window-size} points
 *       (seasonal baseline with {@code season-length}, adaptive windowing with {@code adaptive-window}; see
 *       {@link dev.poet.runtime.stats.Windows}). The {@link DriftReport} is kept for this thread's call.</li>
 *   <li>{@link #enforce}: a {@code Map} result becomes a {@code LinkedHashMap} copy holding the method's own
 *       entries, the report's ({@link DriftReport#asMap()}, where the method did not set that key) and
 *       {@code data_quality}; {@code drift_detected} and {@code significant} are guaranteed booleans and
 *       {@code score} a finite number in [0, 1] (absent: the report's, or {@code false}/0.0 without one; present
 *       but broken: clamped, NaN → 0.0), each repair with a {@value #RESULT_REPAIRED} event. A
 *       {@code double}/{@code Double} result of a method whose name contains {@code score} is clamped to [0, 1]
 *       the same way.</li>
 *   <li><b>Deciding</b>: for a method whose {@code optimize-for} is a detection objective ({@code accuracy},
 *       {@code precision}, {@code recall}, {@code alert_quality}), {@code drift_detected} of a {@code Map} result
 *       is the enhancement's decision from its statistics and the current (learned) {@code significance},
 *       {@code psi-threshold} and {@code season-length}; the method's own answer is kept as
 *       {@value #ORIGINAL_DECISION}, and each call where the two differ is an {@value #DECISION_DIFFERS} event.
 *       Without such an objective the method decides and the statistics are only reported: Train can then
 *       learn nothing that changes what the caller sees.</li>
 * </ul>
 * Parameters (read from the current snapshot, derived again only when it changes): {@code min-samples},
 * {@code window-size}, {@code season-length}, {@code adaptive-window}, {@code adwin-delta}, {@code bins},
 * {@code significance}, {@code psi-threshold}, and the method's {@code optimize-for} when set. None has a
 * default here: they come from the template's
 * {@code template.properties} (a missing one is a {@link dev.poet.runtime.params.MissingParameterException}).
 */
public final class MlMonitor {

    public static final String SAMPLES_CLEANED = "ml.samples_cleaned";
    public static final String DATA_QUALITY = "ml.data_quality";
    public static final String TOO_FEW_SAMPLES = "ml.too_few_samples";
    public static final String DRIFT = "ml.drift";
    public static final String RESULT_REPAIRED = "ml.result_repaired";
    public static final String DECISION_DIFFERS = "ml.decision_differs";
    /** The key of a deciding enhancement's result that keeps the method's own {@code drift_detected}. */
    public static final String ORIGINAL_DECISION = "original_drift_detected";

    /** The {@code optimize-for} values that make the enhancement decide ({@code -} and {@code _} alike). */
    private static final String[] DETECTION_OBJECTIVES = {"accuracy", "precision", "recall", "alert_quality"};

    private static final ThreadLocal<Observation> CURRENT = new ThreadLocal<Observation>();

    private final EventEmitter events;
    private final boolean scoreResult;
    private final Derived<Resolved> resolved;

    /**
     * @param methodName the method's name; a {@code score} in it makes a numeric result a score in [0, 1]
     */
    public MlMonitor(String methodKey, String methodName, ParamsRef params, PhaseEventSink sink) {
        this.events = new EventEmitter(sink, methodKey, Clock.SYSTEM);
        this.scoreResult = methodName != null && methodName.toLowerCase().contains("score");
        this.resolved = new Derived<Resolved>(params, new Derived.Deriver<Resolved>() {
            @Override
            public Resolved derive(Params p, Resolved previous) {
                return new Resolved(p);
            }
        }, events);
    }

    /** What one call saw; kept per thread between the phases. */
    static final class Observation {
        double quality = 1.0;
        DriftReport report;
    }

    /** Cleans the sample arguments in place in {@code args} (new arrays/lists); see the class comment. */
    public Object[] perceive(Object[] args) {
        Observation obs = new Observation();
        CURRENT.set(obs);
        int minSamples = resolve().minSamples;
        long total = 0;
        long finite = 0;
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (!isSample(arg)) {
                continue;
            }
            double[] values = toDoubles(arg);
            int kept = 0;
            for (double v : values) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    kept++;
                }
            }
            total += values.length;
            finite += kept;
            if (kept < values.length) {
                args[i] = withoutNonFinite(arg);
                events.emit(SAMPLES_CLEANED, "argument", i, "dropped", values.length - kept, "kept", kept,
                        "action", "repaired");
            }
            if (kept < minSamples) {
                events.emit(TOO_FEW_SAMPLES, "argument", i, "size", kept, "min", minSamples, "action", "reported");
            }
        }
        obs.quality = total == 0 ? 1.0 : (double) finite / total;
        if (obs.quality < 1.0) {
            events.emit(DATA_QUALITY, "score", obs.quality);
        }
        return args;
    }

    /** The drift report of this call's (cleaned) samples, or {@code null} when there are too few values. */
    public DriftReport analyze(Object[] args) {
        double[] first = null;
        double[] second = null;
        for (Object arg : args) {
            if (isSample(arg)) {
                double[] values = finiteOnly(toDoubles(arg));
                if (first == null) {
                    first = values;
                } else if (second == null) {
                    second = values;
                }
            }
        }
        DriftReport report = null;
        if (first != null) {
            DriftAnalyzer analyzer = resolve().analyzer;
            report = second == null ? analyzer.analyze(first) : analyzer.analyze(first, second);
        }
        Observation obs = CURRENT.get();
        if (obs != null) {
            obs.report = report;
        }
        if (report != null && report.driftDetected) {
            events.emit(DRIFT, "score", report.score, "ks_p_value", report.ksPValue, "psi", report.psi,
                    "window", report.window);
        }
        return report;
    }

    /** The report {@link #analyze} computed for this thread's call in progress, or {@code null}. */
    public DriftReport currentReport() {
        Observation obs = CURRENT.get();
        return obs == null ? null : obs.report;
    }

    /**
     * Adds the statistics to a {@code Map} result and guarantees its keys (see the class comment).
     *
     * @param mayReplaceMap whether the declared return type accepts a {@code LinkedHashMap}
     */
    public Object enforce(Object result, boolean mayReplaceMap) {
        Observation obs = CURRENT.get();
        CURRENT.remove();
        DriftReport report = obs == null ? null : obs.report;
        if (result instanceof Map && mayReplaceMap) {
            Map<Object, Object> out = new LinkedHashMap<Object, Object>((Map<?, ?>) result);
            if (report != null) {
                for (Map.Entry<String, Object> e : report.asMap().entrySet()) {
                    if (!out.containsKey(e.getKey())) {
                        out.put(e.getKey(), e.getValue());
                    }
                }
            }
            out.put("data_quality", obs == null ? 1.0 : obs.quality);
            if (report != null && resolve().decides) {
                decide(out, report);
            }
            guaranteeFlag(out, "drift_detected", report != null && report.driftDetected);
            guaranteeFlag(out, "significant", report != null && report.significant);
            Object score = out.get("score");
            Object fixed = score(score, report == null ? 0.0 : report.score);
            if (!fixed.equals(score)) {
                out.put("score", fixed);
                events.emit(RESULT_REPAIRED, "key", "score", "was", String.valueOf(score), "now", fixed);
            }
            return out;
        }
        if (scoreResult && (result instanceof Double || result instanceof Float)) {
            double d = ((Number) result).doubleValue();
            double c = Double.isNaN(d) ? 0.0 : Math.max(0.0, Math.min(1.0, d));
            if (c != d) {
                events.emit(RESULT_REPAIRED, "key", "result", "was", String.valueOf(d), "now", c);
                return result instanceof Float ? (Object) Float.valueOf((float) c) : (Object) Double.valueOf(c);
            }
        }
        return result;
    }

    /** Whether this monitor decides {@code drift_detected} itself, with the current parameters. */
    public boolean decides() {
        return resolve().decides;
    }

    static boolean isDetectionObjective(String optimizeFor) {
        if (optimizeFor == null) {
            return false;
        }
        String id = optimizeFor.trim().toLowerCase().replace('-', '_');
        for (String o : DETECTION_OBJECTIVES) {
            if (o.equals(id)) {
                return true;
            }
        }
        return false;
    }

    private void decide(Map<Object, Object> out, DriftReport report) {
        Object own = out.get("drift_detected");
        // Absent or unreadable: the method said nothing, so there is nothing to differ from.
        Boolean original = own instanceof Boolean ? (Boolean) own
                : own == null ? null : Boolean.valueOf(truthy(own, report.driftDetected));
        out.put(ORIGINAL_DECISION, original == null ? Boolean.valueOf(report.driftDetected) : original);
        out.put("drift_detected", Boolean.valueOf(report.driftDetected));
        if (original != null && original.booleanValue() != report.driftDetected) {
            events.emit(DECISION_DIFFERS, "original", original, "decided", Boolean.valueOf(report.driftDetected),
                    "score", report.score, "ks_p_value", report.ksPValue, "psi", report.psi,
                    "window", report.window);
        }
    }

    private void guaranteeFlag(Map<Object, Object> out, String key, boolean fallback) {
        Object v = out.get(key);
        if (v instanceof Boolean) {
            return;
        }
        Boolean fixed = v == null ? Boolean.valueOf(fallback) : Boolean.valueOf(truthy(v, fallback));
        out.put(key, fixed);
        events.emit(RESULT_REPAIRED, "key", key, "was", String.valueOf(v), "now", fixed);
    }

    private static boolean truthy(Object v, boolean fallback) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue() != 0.0;
        }
        String s = v.toString().trim().toLowerCase();
        if (s.equals("true") || s.equals("yes") || s.equals("1")) {
            return true;
        }
        if (s.equals("false") || s.equals("no") || s.equals("0")) {
            return false;
        }
        return fallback;
    }

    private static Object score(Object v, double fallback) {
        if (!(v instanceof Number)) {
            return Double.valueOf(fallback);
        }
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d)) {
            return Double.valueOf(0.0);
        }
        if (d < 0.0 || d > 1.0) {
            return Double.valueOf(Math.max(0.0, Math.min(1.0, d)));
        }
        return v;
    }

    /** Whether {@code value} is a sample: a {@code double[]}, {@code float[]} or a collection of numbers. */
    static boolean isSample(Object value) {
        if (value instanceof double[] || value instanceof float[]) {
            return true;
        }
        if (value instanceof Collection) {
            Collection<?> c = (Collection<?>) value;
            if (c.isEmpty()) {
                return false;
            }
            for (Object o : c) {
                if (!(o instanceof Number)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    static double[] toDoubles(Object value) {
        if (value instanceof double[]) {
            return (double[]) value;
        }
        if (value instanceof float[]) {
            float[] f = (float[]) value;
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        Collection<?> c = (Collection<?>) value;
        double[] d = new double[c.size()];
        int i = 0;
        for (Object o : c) {
            d[i++] = ((Number) o).doubleValue();
        }
        return d;
    }

    private static double[] finiteOnly(double[] values) {
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                n++;
            }
        }
        if (n == values.length) {
            return values;
        }
        double[] out = new double[n];
        int j = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                out[j++] = v;
            }
        }
        return out;
    }

    /** A copy of the sample of the same kind without NaN and infinities. */
    static Object withoutNonFinite(Object value) {
        if (value instanceof double[]) {
            return finiteOnly((double[]) value);
        }
        if (value instanceof float[]) {
            float[] f = (float[]) value;
            int n = 0;
            for (float v : f) {
                if (!Float.isNaN(v) && !Float.isInfinite(v)) {
                    n++;
                }
            }
            float[] out = new float[n];
            int j = 0;
            for (float v : f) {
                if (!Float.isNaN(v) && !Float.isInfinite(v)) {
                    out[j++] = v;
                }
            }
            return out;
        }
        List<Object> out = new ArrayList<Object>();
        for (Object o : (Collection<?>) value) {
            double d = ((Number) o).doubleValue();
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                out.add(o);
            }
        }
        return out;
    }

    private Resolved resolve() {
        return resolved.get();
    }

    private static final class Resolved {
        final int minSamples;
        final DriftAnalyzer analyzer;
        final boolean decides;

        Resolved(Params p) {
            this.decides = isDetectionObjective(p.getString("optimize-for", null));
            this.minSamples = Math.max(1, p.requireInt("min-samples"));
            this.analyzer = new DriftAnalyzer(p.requireInt("window-size"), p.requireInt("season-length"),
                    p.requireBoolean("adaptive-window"), p.requireDouble("adwin-delta"), minSamples,
                    p.requireInt("bins"), p.requireDouble("significance"), p.requireDouble("psi-threshold"));
        }
    }
}
