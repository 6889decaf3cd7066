package dev.poet.runtime.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of a method's tunable parameters (retry attempts, backoff, thresholds, learned values).
 * Generated code reads it on every call, so a new snapshot changes behaviour without recompiling.
 *
 * <p>Values are kept as parsed from {@code params.json} or configuration: numbers, booleans, strings, lists.
 * Typed getters convert leniently (a number stored as a string is read as a number) and fall back to the given
 * default when the key is absent or not convertible.
 */
public final class Params {

    /** No parameters: every getter returns its default. */
    public static final Params EMPTY = new Params(Collections.emptyMap());

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = values;
    }

    /** A snapshot of {@code values}; later changes to the map are not seen. */
    public static Params of(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return EMPTY;
        }
        return new Params(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** A copy with {@code key} set to {@code value}. */
    public Params with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Params(Collections.unmodifiableMap(copy));
    }

    /** Every value, unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object get(String key) {
        return values.get(key);
    }

    public String getString(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : v.toString();
    }

    public int getInt(String key, int defaultValue) {
        Object v = values.get(key);
        if (v instanceof Number) {
            return ((Number) v).intValue();
        }
        if (v instanceof String) {
            try {
                return Integer.parseInt(((String) v).trim());
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        return defaultValue;
    }

    public long getLong(String key, long defaultValue) {
        Object v = values.get(key);
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (v instanceof String) {
            try {
                return Long.parseLong(((String) v).trim());
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        return defaultValue;
    }

    public double getDouble(String key, double defaultValue) {
        Object v = values.get(key);
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble(((String) v).trim());
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        return defaultValue;
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return defaultValue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params && ((Params) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Params" + values;
    }
}
