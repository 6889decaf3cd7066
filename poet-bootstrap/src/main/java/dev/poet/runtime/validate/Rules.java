package dev.poet.runtime.validate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Factories of the built-in {@link Rule}s. Each rule documents its repair (used in {@link Mode#REPAIR}); a rule
 * without one leaves the value as it is and says so in the event ({@code action=unrepaired}).
 */
public final class Rules {

    private Rules() {
    }

    /** Not {@code null}; unrepairable. */
    public static Rule notNull() {
        return new Rule("not-null") {
            @Override
            public boolean accepts(Object value) {
                return value != null;
            }
        };
    }

    /** Not {@code null}; repair: {@code replacement}. */
    public static Rule notNull(final Object replacement) {
        return new Rule("not-null") {
            @Override
            public boolean accepts(Object value) {
                return value != null;
            }

            @Override
            public Object repair(Object value) {
                return replacement;
            }
        };
    }

    /**
     * Finite numbers: no NaN or infinity in a {@code Double}/{@code Float}, a {@code double[]}/{@code float[]},
     * or — recursively — the values of a {@code Map}, the elements of a {@code Collection} or an {@code Object[]}.
     * Repair (a copy; untouched parts are shared): NaN becomes {@code nanReplacement}, +/-infinity the largest
     * finite value of that sign. Maps become {@code LinkedHashMap}s, collections {@code ArrayList}s.
     */
    public static Rule finite(final double nanReplacement) {
        return new Rule("finite") {
            @Override
            public boolean accepts(Object value) {
                return Finite.isFinite(value);
            }

            @Override
            public Object repair(Object value) {
                return Finite.repair(value, nanReplacement);
            }
        };
    }

    /** {@link #finite(double)} with NaN repaired to {@code 0.0}. */
    public static Rule finite() {
        return finite(0.0);
    }

    /**
     * Not empty: a string of length 0, an empty collection, map or array violates it; unrepairable.
     */
    public static Rule notEmpty() {
        return new Rule("not-empty") {
            @Override
            public boolean accepts(Object value) {
                return Sizes.sizeOf(value) != 0;
            }
        };
    }

    /** {@link #notEmpty()} with repair: {@code replacement}. */
    public static Rule notEmpty(final Object replacement) {
        return new Rule("not-empty") {
            @Override
            public boolean accepts(Object value) {
                return Sizes.sizeOf(value) != 0;
            }

            @Override
            public Object repair(Object value) {
                return replacement;
            }
        };
    }

    /**
     * Length or size (string length; collection, map or array size) in {@code [min, max]}. Repair: too long is
     * truncated to the first {@code max} elements (a copy of the same kind: {@code String}, {@code ArrayList},
     * {@code LinkedHashSet}, {@code LinkedHashMap}, array); too short is unrepairable.
     */
    public static Rule size(final int min, final int max) {
        return new Rule("size[" + min + ", " + max + "]") {
            @Override
            public boolean accepts(Object value) {
                int n = Sizes.sizeOf(value);
                return n < 0 || (n >= min && n <= max);
            }

            @Override
            public Object repair(Object value) {
                return Sizes.sizeOf(value) > max ? Sizes.truncate(value, max) : UNREPAIRABLE;
            }
        };
    }

    /**
     * A {@code Number} in {@code [min, max]}; NaN violates it. Repair: clamp to the nearer bound, keeping the boxed
     * type ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code Double}, {@code Float}); NaN and
     * other number types are unrepairable.
     */
    public static Rule range(final double min, final double max) {
        return range("range[" + min + ", " + max + "]", min, max);
    }

    /** {@link #range(double, double)} under another name (in events), e.g. {@code income>=0}. */
    public static Rule range(String description, final double min, final double max) {
        return new Rule(description) {
            @Override
            public boolean accepts(Object value) {
                if (!(value instanceof Number)) {
                    return true;
                }
                double d = ((Number) value).doubleValue();
                return d >= min && d <= max;
            }

            @Override
            public Object repair(Object value) {
                return Clamp.clamp(value, min, max);
            }
        };
    }

    /**
     * A {@code CharSequence} that matches {@code regex} entirely (compiled once, here). Unrepairable.
     *
     * @throws java.util.regex.PatternSyntaxException when {@code regex} is invalid
     */
    public static Rule pattern(String regex) {
        final Pattern compiled = Pattern.compile(regex);
        return new Rule("pattern[" + regex + "]") {
            @Override
            public boolean accepts(Object value) {
                return !(value instanceof CharSequence) || compiled.matcher((CharSequence) value).matches();
            }
        };
    }

    /**
     * A {@code Map} holding every key in {@code keys}. Repair: a {@code LinkedHashMap} copy with each missing key
     * mapped to {@code defaultValue}.
     */
    public static Rule requiredKeys(final String[] keys, final Object defaultValue) {
        final String[] required = keys.clone();
        return new Rule("required-keys" + java.util.Arrays.toString(required)) {
            @Override
            public boolean accepts(Object value) {
                if (!(value instanceof Map)) {
                    return true;
                }
                Map<?, ?> map = (Map<?, ?>) value;
                for (String key : required) {
                    if (!map.containsKey(key)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Object repair(Object value) {
                if (!(value instanceof Map)) {
                    return UNREPAIRABLE;
                }
                Map<Object, Object> copy = new LinkedHashMap<Object, Object>((Map<?, ?>) value);
                for (String key : required) {
                    if (!copy.containsKey(key)) {
                        copy.put(key, defaultValue);
                    }
                }
                return copy;
            }
        };
    }

    /** Numeric clamping that keeps the boxed type. */
    /**
     * {@code value} clamped into [min, max], keeping its number type ({@code BigDecimal} exactly);
     * {@link Rule#UNREPAIRABLE} for NaN and non-numbers.
     */
    public static Object clamp(Object value, double min, double max) {
        return Clamp.clamp(value, min, max);
    }

    static final class Clamp {
        private Clamp() {
        }

        static Object clamp(Object value, double min, double max) {
            if (!(value instanceof Number)) {
                return Rule.UNREPAIRABLE;
            }
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return Rule.UNREPAIRABLE;
            }
            double c = Math.max(min, Math.min(max, d));
            if (value instanceof java.math.BigDecimal) {
                // Exactly the bound, not a binary approximation of it.
                return d < min ? new java.math.BigDecimal(String.valueOf(min))
                        : d > max ? new java.math.BigDecimal(String.valueOf(max)) : value;
            }
            if (value instanceof Double) {
                return c;
            }
            if (value instanceof Float) {
                return (float) c;
            }
            if (value instanceof Long) {
                return (long) c;
            }
            if (value instanceof Integer) {
                return (int) c;
            }
            if (value instanceof Short) {
                return (short) c;
            }
            if (value instanceof Byte) {
                return (byte) c;
            }
            return Rule.UNREPAIRABLE;
        }
    }

    /** Finiteness checks and repairs through nested maps, collections and arrays. */
    static final class Finite {
        private Finite() {
        }

        static boolean isFinite(Object value) {
            if (value instanceof Double) {
                return Double.isFinite((Double) value);
            }
            if (value instanceof Float) {
                return Float.isFinite((Float) value);
            }
            if (value instanceof double[]) {
                for (double d : (double[]) value) {
                    if (!Double.isFinite(d)) {
                        return false;
                    }
                }
                return true;
            }
            if (value instanceof float[]) {
                for (float f : (float[]) value) {
                    if (!Float.isFinite(f)) {
                        return false;
                    }
                }
                return true;
            }
            if (value instanceof Map) {
                for (Object v : ((Map<?, ?>) value).values()) {
                    if (!isFinite(v)) {
                        return false;
                    }
                }
                return true;
            }
            if (value instanceof Collection) {
                for (Object v : (Collection<?>) value) {
                    if (!isFinite(v)) {
                        return false;
                    }
                }
                return true;
            }
            if (value instanceof Object[]) {
                for (Object v : (Object[]) value) {
                    if (!isFinite(v)) {
                        return false;
                    }
                }
                return true;
            }
            return true;
        }

        static Object repair(Object value, double nan) {
            if (isFinite(value)) {
                return value;
            }
            if (value instanceof Double) {
                return fix((Double) value, nan);
            }
            if (value instanceof Float) {
                float f = (Float) value;
                return Float.isNaN(f) ? (float) nan : f > 0 ? Float.MAX_VALUE : -Float.MAX_VALUE;
            }
            if (value instanceof double[]) {
                double[] copy = ((double[]) value).clone();
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = fix(copy[i], nan);
                }
                return copy;
            }
            if (value instanceof float[]) {
                float[] copy = ((float[]) value).clone();
                for (int i = 0; i < copy.length; i++) {
                    float f = copy[i];
                    copy[i] = Float.isNaN(f) ? (float) nan : Float.isInfinite(f)
                            ? (f > 0 ? Float.MAX_VALUE : -Float.MAX_VALUE) : f;
                }
                return copy;
            }
            if (value instanceof Map) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    copy.put(e.getKey(), repair(e.getValue(), nan));
                }
                return copy;
            }
            if (value instanceof Collection) {
                List<Object> copy = new ArrayList<>();
                for (Object v : (Collection<?>) value) {
                    copy.add(repair(v, nan));
                }
                return copy;
            }
            if (value instanceof Object[]) {
                Object[] copy = ((Object[]) value).clone();
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = repair(copy[i], nan);
                }
                return copy;
            }
            return value;
        }

        private static double fix(double d, double nan) {
            if (Double.isNaN(d)) {
                return nan;
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
            }
            return d;
        }
    }
}
