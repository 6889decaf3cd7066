package dev.poet.bridge.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a value as JSON text at the moment it is taken, so a recorded input never shares state with the
 * application's live objects: the text <em>is</em> the copy.
 *
 * <p>Recorded shapes: {@code null}, booleans, numbers of the primitive boxes ({@code NaN} and infinities as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), characters and strings, {@link BigDecimal}
 * and {@link BigInteger} (as JSON numbers, exactly), enums (by name), arrays of primitives or objects, and the JDK's
 * own {@link List}, {@link Set} and {@link Map} implementations (keys as strings) of those, nested.
 *
 * <p>Bounds, so one huge value cannot fill memory: nesting deeper than {@value #MAX_DEPTH}, more than
 * {@value #MAX_ELEMENTS} elements, or more than {@value #MAX_CHARS} characters of text in one value make the value
 * {@code {"$unrecorded":"<class>","reason":"too large"}}. Anything else, including collections of the application's
 * own classes (iterating them could run its code), is {@code {"$unrecorded":"<class>"}}: marked, never guessed.
 * A value that changes while it is copied (another thread) is {@code {"$unrecorded":"<class>","reason":"changed
 * while copied"}}. Never throws.
 */
public final class ValueSnapshot {

    /** Deepest nesting recorded; the top-level value is depth 1. */
    public static final int MAX_DEPTH = 8;
    /** Most elements (array items, collection items, map entries) in one value, nested ones included. */
    public static final int MAX_ELEMENTS = 10_000;
    /** Most characters of JSON text for one value. */
    public static final int MAX_CHARS = 64 * 1024;

    private ValueSnapshot() {
    }

    /** {@code value} as JSON text. */
    public static String of(Object value) {
        Writer w = new Writer(32);
        try {
            w.write(value, 1);
            return w.out.toString();
        } catch (TooLarge e) {
            return unrecorded(value, "too large");
        } catch (RuntimeException e) {
            return unrecorded(value, "changed while copied");
        } catch (StackOverflowError e) {
            return unrecorded(value, "too large");
        }
    }

    /** The arguments of a call as one JSON array, each element bounded as by {@link #of(Object)}. */
    public static String ofArguments(Object[] args) {
        if (args == null) {
            return "[]";
        }
        // One builder for the whole array (this runs on every call of a method with optimize-for): each element
        // is written in place and, past a bound, cut back and replaced by its marker.
        Writer w = new Writer(32 + 16 * args.length);
        w.out.append('[');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                w.out.append(',');
            }
            int mark = w.out.length();
            w.startElement(mark);
            String failed;
            try {
                w.write(args[i], 1);
                continue;
            } catch (TooLarge e) {
                failed = "too large";
            } catch (RuntimeException e) {
                failed = "changed while copied";
            } catch (StackOverflowError e) {
                failed = "too large";
            }
            w.out.setLength(mark);
            w.out.append(unrecorded(args[i], failed));
        }
        return w.out.append(']').toString();
    }

    private static String unrecorded(Object value, String reason) {
        StringBuilder out = new StringBuilder();
        out.append("{\"$unrecorded\":");
        string(value == null ? "null" : value.getClass().getName(), out);
        if (reason != null) {
            out.append(",\"reason\":");
            string(reason, out);
        }
        return out.append('}').toString();
    }

    /** Thrown inside the writer when a bound is passed; caught by {@link #of(Object)}. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static final class Writer {
        final StringBuilder out;
        int elements;
        /** Where the value being bounded began in {@link #out}. */
        int base;

        Writer(int capacity) {
            out = new StringBuilder(capacity);
        }

        /** The bounds count afresh from {@code at}: each argument is bounded on its own. */
        void startElement(int at) {
            base = at;
            elements = 0;
        }

        void write(Object value, int depth) {
            if (depth > MAX_DEPTH) {
                throw new TooLarge();
            }
            if (value == null) {
                out.append("null");
            } else if (value instanceof String) {
                text((String) value);
            } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                    || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
                out.append(value);
            } else if (value instanceof Double) {
                floating((Double) value);
            } else if (value instanceof Float) {
                floating(((Float) value).doubleValue());
            } else if (value instanceof BigDecimal) {
                out.append(((BigDecimal) value).toString());
            } else if (value instanceof Character) {
                text(String.valueOf(value));
            } else if (value instanceof Enum) {
                text(((Enum<?>) value).name());
            } else if (value.getClass().isArray()) {
                array(value, depth);
            } else if (value instanceof Map && jdkType(value)) {
                map((Map<?, ?>) value, depth);
            } else if ((value instanceof List || value instanceof Set) && jdkType(value)) {
                collection((Collection<?>) value, depth);
            } else {
                out.append("{\"$unrecorded\":");
                string(value.getClass().getName(), out);
                out.append('}');
            }
            check();
        }

        private void floating(double d) {
            if (Double.isNaN(d)) {
                out.append("\"NaN\"");
            } else if (Double.isInfinite(d)) {
                out.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
            } else {
                out.append(d);
            }
        }

        private void array(Object array, int depth) {
            int n = java.lang.reflect.Array.getLength(array);
            count(n);
            out.append('[');
            // Primitive arrays (a sample, a series) written without boxing each element.
            if (array instanceof double[]) {
                double[] items = (double[]) array;
                for (int i = 0; i < n; i++) {
                    comma(i);
                    floating(items[i]);
                }
            } else if (array instanceof int[]) {
                int[] items = (int[]) array;
                for (int i = 0; i < n; i++) {
                    comma(i);
                    out.append(items[i]);
                }
            } else if (array instanceof long[]) {
                long[] items = (long[]) array;
                for (int i = 0; i < n; i++) {
                    comma(i);
                    out.append(items[i]);
                }
            } else if (array instanceof float[]) {
                float[] items = (float[]) array;
                for (int i = 0; i < n; i++) {
                    comma(i);
                    floating(items[i]);
                }
            } else if (array instanceof Object[]) {
                Object[] items = (Object[]) array;
                for (int i = 0; i < n; i++) {
                    comma(i);
                    write(items[i], depth + 1);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    comma(i);
                    // Primitive elements: boxed one at a time, written by the same rules.
                    write(java.lang.reflect.Array.get(array, i), depth + 1);
                }
            }
            out.append(']');
        }

        private void collection(Collection<?> items, int depth) {
            count(items.size());
            out.append('[');
            int i = 0;
            for (Object item : items) {
                comma(i++);
                write(item, depth + 1);
            }
            out.append(']');
        }

        private void map(Map<?, ?> map, int depth) {
            count(map.size());
            out.append('{');
            int i = 0;
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> e = entries.next();
                comma(i++);
                Object key = e.getKey();
                text(key instanceof Enum ? ((Enum<?>) key).name() : key == null ? "null" : keyText(key));
                out.append(':');
                write(e.getValue(), depth + 1);
            }
            out.append('}');
        }

        private String keyText(Object key) {
            if (key instanceof String || key instanceof Number || key instanceof Boolean || key instanceof Character) {
                return key.toString();
            }
            // A key of the application's own type: its toString is its code, not run here.
            return "$unrecorded:" + key.getClass().getName();
        }

        private void comma(int i) {
            if (i > 0) {
                out.append(',');
            }
            check();
        }

        private void count(int n) {
            elements += n;
            if (elements > MAX_ELEMENTS) {
                throw new TooLarge();
            }
        }

        private void check() {
            if (out.length() - base > MAX_CHARS) {
                throw new TooLarge();
            }
        }

        private void text(String s) {
            if (s.length() > MAX_CHARS) {
                throw new TooLarge();
            }
            string(s, out);
        }
    }

    /** The JDK's own collections (and their wrappers): iterating them runs no application code. */
    private static boolean jdkType(Object value) {
        String name = value.getClass().getName();
        return name.startsWith("java.util.");
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
