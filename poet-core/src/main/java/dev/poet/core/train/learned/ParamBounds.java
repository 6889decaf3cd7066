package dev.poet.core.train.learned;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The range every learned parameter stays in. A parameter without bounds is never learned. Defaults, the one
 * place they are written:
 * <table>
 *   <caption>Default bounds of learned parameters</caption>
 *   <tr><th>parameter</th><th>min</th><th>max</th><th>learned by</th></tr>
 *   <tr><td>{@code retries}</td><td>1</td><td>6</td><td>latency, cost</td></tr>
 *   <tr><td>{@code timeout-ms}</td><td>10</td><td>120000</td><td>latency (idempotent methods only)</td></tr>
 *   <tr><td>{@code backoff-initial-ms}</td><td>0</td><td>10000</td><td>latency, cost</td></tr>
 *   <tr><td>{@code backoff-max-ms}</td><td>1</td><td>60000</td><td>latency, cost</td></tr>
 *   <tr><td>{@code significance}</td><td>0.001</td><td>0.2</td><td>detection objectives</td></tr>
 *   <tr><td>{@code psi-threshold}</td><td>0.05</td><td>1.0</td><td>detection objectives</td></tr>
 *   <tr><td>{@code season-length}</td><td>2</td><td>1000</td><td>detection objectives</td></tr>
 *   <tr><td>{@code prompt-best-variant}</td><td>0</td><td>63</td><td>quality (llm_ops)</td></tr>
 * </table>
 * Each is configurable with {@code poet.train.bound.<parameter>=<min>,<max>}; integral parameters are rounded.
 */
public final class ParamBounds {

    /** One parameter's range. */
    public record Bound(double min, double max, boolean integral) {

        public Bound {
            if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
                throw new IllegalArgumentException("bounds need min <= max, were " + min + "," + max);
            }
        }

        /** {@code value} within the range, rounded for an integral parameter (a {@code Long}, else a {@code Double}). */
        public Object clamp(double value) {
            double v = Math.max(min, Math.min(max, value));
            if (integral) {
                return Math.round(v);
            }
            return v;
        }

        public boolean contains(double value) {
            return value >= min && value <= max;
        }
    }

    /** The default bounds, by parameter, in the order documented above. */
    public static final Map<String, Bound> DEFAULTS;

    static {
        Map<String, Bound> m = new LinkedHashMap<>();
        m.put("retries", new Bound(1, 6, true));
        m.put("timeout-ms", new Bound(10, 120_000, true));
        m.put("backoff-initial-ms", new Bound(0, 10_000, true));
        m.put("backoff-max-ms", new Bound(1, 60_000, true));
        m.put("significance", new Bound(0.001, 0.2, false));
        m.put("psi-threshold", new Bound(0.05, 1.0, false));
        m.put("season-length", new Bound(2, 1000, true));
        m.put("prompt-best-variant", new Bound(0, 63, true));
        DEFAULTS = Collections.unmodifiableMap(m);
    }

    private final Map<String, Bound> bounds;

    private ParamBounds(Map<String, Bound> bounds) {
        this.bounds = Collections.unmodifiableMap(bounds);
    }

    public static ParamBounds defaults() {
        return new ParamBounds(new LinkedHashMap<>(DEFAULTS));
    }

    /**
     * The defaults with {@code configured} ranges in their place (parameter to {@code [min, max]}, as
     * {@code poet.train.bound.*} gives them); a parameter the defaults do not know is ignored.
     */
    public static ParamBounds of(Map<String, List<Double>> configured) {
        Map<String, Bound> m = new LinkedHashMap<>(DEFAULTS);
        for (Map.Entry<String, List<Double>> e : configured.entrySet()) {
            Bound d = DEFAULTS.get(e.getKey());
            if (d != null && e.getValue().size() == 2) {
                m.put(e.getKey(), new Bound(e.getValue().get(0), e.getValue().get(1), d.integral()));
            }
        }
        return new ParamBounds(m);
    }

    /** A copy with {@code key}'s range replaced. */
    public ParamBounds with(String key, double min, double max) {
        Map<String, Bound> m = new LinkedHashMap<>(bounds);
        Bound d = DEFAULTS.get(key);
        m.put(key, new Bound(min, max, d == null || d.integral()));
        return new ParamBounds(m);
    }

    /** Whether {@code key} may be learned at all. */
    public boolean has(String key) {
        return bounds.containsKey(key);
    }

    /** The range of {@code key}, or null when it is never learned. */
    public Bound bound(String key) {
        return bounds.get(key);
    }

    /** {@code value} clamped into {@code key}'s range; null when {@code key} has no bounds or the value is no number. */
    public Object clamp(String key, Object value) {
        Bound b = bounds.get(key);
        Double v = number(value);
        return b == null || v == null ? null : b.clamp(v);
    }

    public Map<String, Bound> asMap() {
        return bounds;
    }

    /** A number, or a string that parses as one; else null. */
    public static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
