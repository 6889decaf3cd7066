package dev.poet.core.verify;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copying, comparing and describing sample values.
 *
 * <p>Two kinds of copy:
 * <ul>
 *   <li>{@link #copy}: a copy to hand to an enhancement (or to keep as a recorded sample). It keeps the runtime
 *   class, so casts in generated code behave as with the real argument: immutable JDK values (String, boxed
 *   primitives, BigDecimal/BigInteger, enums, {@code java.time}) are shared; arrays, {@code StringBuilder},
 *   {@code Date} and the common mutable collections ({@code ArrayList}, {@code LinkedList}, {@code ArrayDeque},
 *   {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap}, {@code HashSet}, {@code LinkedHashSet},
 *   {@code TreeSet}) are copied deeply; plain application objects are copied field by field without running
 *   their code (see {@link ObjectFields}), keeping shared and cyclic references; everything else (other JDK
 *   classes, records, application classes extending a JDK class or in a module closed to us) is kept by
 *   reference, so a later change of it by the application shows in the sample.</li>
 *   <li>{@link #snapshot}: a structural copy only for {@link #deepEquals} afterwards: any list becomes an
 *   {@code ArrayList}, any map a {@code LinkedHashMap} (keys shared), any set a {@code LinkedHashSet} (elements
 *   shared: elements of hashed collections are expected to be immutable).</li>
 * </ul>
 * {@link #deepEquals} compares plain application objects field by field, never through their {@code equals}.
 * Both copies are bounded: a string longer than {@link #MAX_STRING} chars, an array or collection larger than
 * {@link #MAX_ELEMENTS}, nesting deeper than {@link #MAX_DEPTH} or more than {@link #MAX_TOTAL} values in one
 * sample throws {@link TooLarge}.
 */
final class Values {

    static final int MAX_STRING = 10_000;
    static final int MAX_ELEMENTS = 1_000;
    static final int MAX_DEPTH = 16;
    static final int MAX_TOTAL = 20_000;

    /** A value outside the bounds; the sample is not used. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** One copy in progress: values counted so far, and application objects already copied (shared or cyclic). */
    private static final class Walk {
        int count;
        final Map<Object, Object> copies = new IdentityHashMap<>();
    }

    private Values() {
    }

    /** A copy of every argument, see the class comment. */
    static Object[] copyAll(Object[] args) throws TooLarge {
        Walk total = new Walk();
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = copy(args[i], 0, total, false);
        }
        return out;
    }

    static Object copy(Object value) throws TooLarge {
        return copy(value, 0, new Walk(), false);
    }

    /** A structural copy of every argument, for comparison only. */
    static Object[] snapshotAll(Object[] args) throws TooLarge {
        Walk total = new Walk();
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = copy(args[i], 0, total, true);
        }
        return out;
    }

    static Object snapshot(Object value) throws TooLarge {
        return copy(value, 0, new Walk(), true);
    }

    /** Whether {@code value} is an immutable JDK value that can be shared. */
    static boolean isImmutableValue(Object value) {
        return value instanceof String || value instanceof Number && value.getClass().getClassLoader() == null
                && (value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Short || value instanceof Byte
                || value instanceof BigDecimal || value instanceof BigInteger)
                || value instanceof Boolean || value instanceof Character || value instanceof Enum
                || value.getClass().getName().startsWith("java.time.") || value instanceof java.util.UUID;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object copy(Object value, int depth, Walk total, boolean structural) throws TooLarge {
        if (value == null) {
            return null;
        }
        if (++total.count > MAX_TOTAL) {
            throw new TooLarge("more than " + MAX_TOTAL + " values");
        }
        if (depth > MAX_DEPTH) {
            throw new TooLarge("nested deeper than " + MAX_DEPTH);
        }
        if (value instanceof String) {
            if (((String) value).length() > MAX_STRING) {
                throw new TooLarge("a string of more than " + MAX_STRING + " chars");
            }
            return value;
        }
        if (isImmutableValue(value)) {
            return value;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            int n = Array.getLength(value);
            checkSize(n);
            if (type.getComponentType().isPrimitive()) {
                total.count += n;
                Object out = Array.newInstance(type.getComponentType(), n);
                System.arraycopy(value, 0, out, 0, n);
                return out;
            }
            Object[] in = (Object[]) value;
            Object[] out = (Object[]) Array.newInstance(type.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                out[i] = copy(in[i], depth + 1, total, structural);
            }
            return out;
        }
        if (value instanceof StringBuilder) {
            checkString((CharSequence) value);
            return new StringBuilder((CharSequence) value);
        }
        if (value instanceof StringBuffer) {
            checkString((CharSequence) value);
            return new StringBuffer((CharSequence) value);
        }
        if (type == Date.class) {
            return new Date(((Date) value).getTime());
        }
        if (value instanceof Map) {
            Map<Object, Object> in = (Map<Object, Object>) value;
            Map<Object, Object> out;
            if (type == HashMap.class) {
                out = new HashMap<>();
            } else if (type == LinkedHashMap.class) {
                out = new LinkedHashMap<>();
            } else if (type == TreeMap.class) {
                out = new TreeMap<>(((TreeMap) in).comparator());
            } else if (structural) {
                out = new LinkedHashMap<>();
            } else {
                return value;
            }
            checkSize(in.size());
            for (Map.Entry<Object, Object> e : in.entrySet()) {
                out.put(e.getKey(), copy(e.getValue(), depth + 1, total, structural));
            }
            return out;
        }
        if (value instanceof Collection) {
            Collection<Object> in = (Collection<Object>) value;
            boolean hashed = value instanceof Set;
            Collection<Object> out;
            if (type == ArrayList.class) {
                out = new ArrayList<>(in.size());
            } else if (type == LinkedList.class) {
                out = new LinkedList<>();
            } else if (type == ArrayDeque.class) {
                out = new ArrayDeque<>();
            } else if (type == HashSet.class) {
                out = new HashSet<>();
            } else if (type == LinkedHashSet.class) {
                out = new LinkedHashSet<>();
            } else if (type == TreeSet.class) {
                out = new TreeSet<>(((TreeSet) in).comparator());
            } else if (structural) {
                out = hashed ? new LinkedHashSet<>() : new ArrayList<>();
            } else {
                return value;
            }
            checkSize(in.size());
            for (Object element : in) {
                out.add(hashed ? element : copy(element, depth + 1, total, structural));
            }
            return out;
        }
        if (ObjectFields.copyable(type)) {
            return copyFields(value, type, depth, total, structural);
        }
        return value;
    }

    /** An application object, field by field, without running its code; shared and cyclic references kept. */
    private static Object copyFields(Object value, Class<?> type, int depth, Walk total, boolean structural)
            throws TooLarge {
        Object done = total.copies.get(value);
        if (done != null) {
            return done;
        }
        try {
            Object out = ObjectFields.allocate(type);
            total.copies.put(value, out);
            for (Field f : ObjectFields.fields(type)) {
                if (f.getType().isPrimitive()) {
                    f.set(out, f.get(value));
                } else {
                    f.set(out, copy(f.get(value), depth + 1, total, structural));
                }
            }
            return out;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Cannot happen for a copyable type; not a sample rather than a sample that shares state.
            throw new TooLarge("an object of " + type.getName() + " that cannot be copied (" + e + ")");
        }
    }

    private static void checkSize(int n) throws TooLarge {
        if (n > MAX_ELEMENTS) {
            throw new TooLarge("an array or collection of more than " + MAX_ELEMENTS + " elements");
        }
    }

    private static void checkString(CharSequence s) throws TooLarge {
        if (s.length() > MAX_STRING) {
            throw new TooLarge("a string of more than " + MAX_STRING + " chars");
        }
    }

    /**
     * Value equality: arrays element by element (primitive arrays by {@link Arrays#equals}), lists element by
     * element, maps by keys and values compared deeply, sets by {@link Set#equals}, the rest by
     * {@link Object#equals} (so {@code Double.NaN} equals itself and {@code 0.0} differs from {@code -0.0}).
     */
    static boolean deepEquals(Object a, Object b) {
        return deepEquals(a, b, 0, new IdentityHashMap<>());
    }

    private static boolean deepEquals(Object a, Object b, int depth, Map<Object, Object> compared) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || depth > MAX_DEPTH + 1) {
            return false;
        }
        if (a.getClass() == b.getClass() && ObjectFields.copyable(a.getClass())) {
            // Application objects compare by their fields (copies are never the same instance), without running
            // their equals; a pair met again (a cycle) is assumed equal here and decided where it was first met.
            if (compared.get(a) == b) {
                return true;
            }
            compared.put(a, b);
            try {
                for (Field f : ObjectFields.fields(a.getClass())) {
                    if (!deepEquals(f.get(a), f.get(b), depth + 1, compared)) {
                        return false;
                    }
                }
                return true;
            } catch (IllegalAccessException | RuntimeException e) {
                return false;
            }
        }
        if (a.getClass().isArray() || b.getClass().isArray()) {
            if (a.getClass() != b.getClass()) {
                return false;
            }
            if (a instanceof Object[]) {
                Object[] x = (Object[]) a;
                Object[] y = (Object[]) b;
                if (x.length != y.length) {
                    return false;
                }
                for (int i = 0; i < x.length; i++) {
                    if (!deepEquals(x[i], y[i], depth + 1, compared)) {
                        return false;
                    }
                }
                return true;
            }
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext() && j.hasNext()) {
                if (!deepEquals(i.next(), j.next(), depth + 1, compared)) {
                    return false;
                }
            }
            return !i.hasNext() && !j.hasNext();
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()), depth + 1, compared)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Collection && b instanceof Collection && !(a instanceof Set) && !(b instanceof Set)) {
            // Queues and deques: order matters, element by element.
            return deepEquals(new ArrayList<Object>((Collection<?>) a), new ArrayList<Object>((Collection<?>) b),
                    depth, compared);
        }
        if (a instanceof CharSequence && b instanceof CharSequence && !(a instanceof String)
                && a.getClass() == b.getClass()) {
            return a.toString().equals(b.toString());
        }
        return a.equals(b);
    }

    /**
     * A short description of {@code value} for a one-line message. Only JDK values are shown; an application
     * object is named by its class (its {@code toString} is application code). With {@code showValues} false
     * (recorded samples: real, possibly personal data) only types and sizes are shown.
     */
    static String describe(Object value, boolean showValues) {
        StringBuilder out = new StringBuilder();
        describe(value, showValues, out, 0, new IdentityHashMap<>());
        return out.length() > 120 ? out.substring(0, 117) + "..." : out.toString();
    }

    private static void describe(Object value, boolean showValues, StringBuilder out, int depth,
                                 Map<Object, Boolean> seen) {
        if (out.length() > 120) {
            return;
        }
        if (value == null) {
            out.append("null");
            return;
        }
        Class<?> type = value.getClass();
        if (!showValues) {
            out.append(type.getSimpleName());
            if (value instanceof CharSequence) {
                out.append('(').append(((CharSequence) value).length()).append(" chars)");
            } else if (type.isArray()) {
                out.append('(').append(Array.getLength(value)).append(')');
            } else if (value instanceof Collection) {
                out.append('(').append(((Collection<?>) value).size()).append(')');
            } else if (value instanceof Map) {
                out.append('(').append(((Map<?, ?>) value).size()).append(')');
            }
            return;
        }
        if (value instanceof String || value instanceof StringBuilder || value instanceof StringBuffer) {
            String s = value.toString();
            out.append('"');
            for (int i = 0; i < s.length() && i < 40; i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append(s.length() > 40 ? "...\"" : "\"");
            return;
        }
        if (value instanceof Character) {
            out.append('\'').append(value).append('\'');
            return;
        }
        if (isImmutableValue(value)) {
            out.append(value);
            return;
        }
        if (depth > 3 || seen.put(value, Boolean.TRUE) != null) {
            out.append("...");
            return;
        }
        if (type.isArray()) {
            int n = Array.getLength(value);
            out.append(type.getComponentType().getSimpleName()).append("[]{");
            for (int i = 0; i < n && i < 5; i++) {
                out.append(i == 0 ? "" : ", ");
                describe(Array.get(value, i), true, out, depth + 1, seen);
            }
            out.append(n > 5 ? ", ...}" : "}");
            return;
        }
        if ((value instanceof Collection || value instanceof Map) && type.getClassLoader() == null) {
            Collection<?> items = value instanceof Map ? ((Map<?, ?>) value).entrySet() : (Collection<?>) value;
            out.append(type.getSimpleName()).append('[');
            int i = 0;
            for (Object item : items) {
                if (i == 5) {
                    out.append(", ...");
                    break;
                }
                out.append(i++ == 0 ? "" : ", ");
                if (item instanceof Map.Entry) {
                    describe(((Map.Entry<?, ?>) item).getKey(), true, out, depth + 1, seen);
                    out.append('=');
                    describe(((Map.Entry<?, ?>) item).getValue(), true, out, depth + 1, seen);
                } else {
                    describe(item, true, out, depth + 1, seen);
                }
            }
            out.append(']');
            return;
        }
        out.append("a ").append(type.getName());
    }
}
