package dev.poet.runtime.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of a method's tunable parameters (retry attempts, backoff, thresholds, learned values).
 * Generated code reads it on every call, so a new snapshot changes behaviour without recompiling.
 *
 * <p>Values are kept as parsed from {@code params.json} or configuration: numbers, booleans, strings, lists.
 * Typed getters convert leniently (a number stored as a string is read as a number) and fall back to the given
 * default when the key is absent or not convertible.
 *
 * <p>Nested objects and arrays (as Jackson parses {@code params.json} into {@code Map}/{@code List}) are copied
 * deeply into unmodifiable maps and lists, so a snapshot cannot change after it is taken; read them with
 * {@link #getParams(String)}, {@link #getList(String)} or a dotted path with {@link #getPath(String)}.
 */
public final class Params {

    /** No parameters: every getter returns its default. */
    public static final Params EMPTY = new Params(Collections.emptyMap());

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * A deep snapshot of {@code values} (e.g. {@code params.json} parsed into maps and lists); later changes to the
     * map or anything nested in it are not seen.
     */
    public static Params of(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return EMPTY;
        }
        return new Params(freezeMap(values));
    }

    /** A copy with {@code key} set to {@code value} (deeply copied when it is a map or list). */
    public Params with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, freeze(value));
        return new Params(Collections.unmodifiableMap(copy));
    }

    /**
     * The nested object at {@code key} as parameters, or {@link #EMPTY} when absent or not an object. Allocates a
     * view per call; generated code should read it once per call, not per value.
     */
    public Params getParams(String key) {
        Object v = values.get(key);
        if (v instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) v;
            return nested.isEmpty() ? EMPTY : new Params(nested);
        }
        return EMPTY;
    }

    /** The array at {@code key} (unmodifiable), or an empty list when absent or not an array. */
    public List<Object> getList(String key) {
        Object v = values.get(key);
        if (v instanceof List) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) v;
            return list;
        }
        return Collections.emptyList();
    }

    /**
     * The value at a dotted path through nested objects, e.g. {@code "breaker.failure-rate"}; {@code null} when any
     * step is missing. A key that itself contains the whole path wins ({@code "a.b"} stored flat).
     */
    public Object getPath(String path) {
        if (values.containsKey(path)) {
            return values.get(path);
        }
        Object current = values;
        int start = 0;
        while (start <= path.length()) {
            if (!(current instanceof Map)) {
                return null;
            }
            int dot = path.indexOf('.', start);
            String step = dot < 0 ? path.substring(start) : path.substring(start, dot);
            current = ((Map<?, ?>) current).get(step);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
        return null;
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            copy.put(String.valueOf(e.getKey()), freeze(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map) {
            return freezeMap((Map<?, ?>) value);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>(((List<?>) value).size());
            for (Object element : (List<?>) value) {
                copy.add(freeze(element));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** Every value, unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether {@code key} is set (possibly to {@code null}). */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The raw value at {@code key}, or {@code null}. */
    public Object get(String key) {
        return values.get(key);
    }

    /** The value at {@code key} as text, or {@code defaultValue} when absent. */
    public String getString(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : v.toString();
    }

    /** The value at {@code key} as an int (numbers truncated, strings parsed), else {@code defaultValue}. */
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

    /** The value at {@code key} as a long (numbers truncated, strings parsed), else {@code defaultValue}. */
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

    /** The value at {@code key} as a double (strings parsed), else {@code defaultValue}. */
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

    /** The value at {@code key} as a boolean ({@code "true"}/{@code "false"} any case), else {@code defaultValue}. */
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

    /**
     * The value at {@code key} as text.
     *
     * @throws MissingParameterException when absent (or {@code null})
     */
    public String requireString(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new MissingParameterException(key, "is missing");
        }
        return v.toString();
    }

    /**
     * The value at {@code key} as an int, read as {@link #getInt} reads it.
     *
     * @throws MissingParameterException when absent or not an integer
     */
    public int requireInt(String key) {
        Object v = values.get(key);
        if (v instanceof Number) {
            return ((Number) v).intValue();
        }
        try {
            return Integer.parseInt(requireString(key).trim());
        } catch (NumberFormatException e) {
            throw new MissingParameterException(key, "is not an integer: '" + v + "'");
        }
    }

    /**
     * The value at {@code key} as a long, read as {@link #getLong} reads it.
     *
     * @throws MissingParameterException when absent or not an integer
     */
    public long requireLong(String key) {
        Object v = values.get(key);
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        try {
            return Long.parseLong(requireString(key).trim());
        } catch (NumberFormatException e) {
            throw new MissingParameterException(key, "is not an integer: '" + v + "'");
        }
    }

    /**
     * The value at {@code key} as a double, read as {@link #getDouble} reads it.
     *
     * @throws MissingParameterException when absent or not a number
     */
    public double requireDouble(String key) {
        Object v = values.get(key);
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(requireString(key).trim());
        } catch (NumberFormatException e) {
            throw new MissingParameterException(key, "is not a number: '" + v + "'");
        }
    }

    /**
     * The value at {@code key} as a boolean ({@code true}/{@code false}, any case).
     *
     * @throws MissingParameterException when absent or neither
     */
    public boolean requireBoolean(String key) {
        Object v = values.get(key);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = requireString(key).trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new MissingParameterException(key, "is not true or false: '" + v + "'");
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
