package dev.poet.core.verify;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sample values made from a method's signature, for verification when no call was recorded.
 *
 * <p>Valid values are valid inputs of any method of that signature: numbers 0, 1, -1 and a typical value (never
 * NaN or infinite), {@code false}/{@code true}, strings {@code ""}, {@code "a"}, {@code "sample text"},
 * {@code " padded "}, {@code "Mixed Case 42"}, JDK enum constants, arrays of such values (empty, one, three
 * elements), and lists, sets, maps, deques and optionals of them (empty and small) when the element types are known
 * from the generic signature (a raw or {@code Object}-typed collection gets only its empty form: an element of a
 * wrong type would make a correct enhancement fail its cast). {@code null}, {@code NaN} and infinities are only
 * ever in the separate invalid set.
 *
 * <p>Application types are not synthesised (their constructors are application code, with effects we cannot
 * judge), nor application enums (their initialisation is application code too): a method with such a parameter
 * gets no valid samples, so Perceive is not verified for it, and the sample set says so.
 */
public final class SampleSynthesizer {

    /** At most this many valid (and this many invalid) argument arrays. */
    public static final int MAX_SAMPLES = 16;

    /** The samples of {@code method}: its parameter types, and its return type for Enforce. */
    public SampleSet synthesize(Method method) {
        return synthesize(method.getGenericParameterTypes(), method.getGenericReturnType());
    }

    /** The samples of a signature. */
    public SampleSet synthesize(Type[] parameterTypes, Type returnType) {
        List<String> notes = new ArrayList<>();
        List<List<Object>> perParameter = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < parameterTypes.length; i++) {
            List<Object> values = valuesOf(parameterTypes[i], 0);
            if (values == null || values.isEmpty()) {
                notes.add("perceive not verified: no samples for parameter " + i + " ("
                        + parameterTypes[i].getTypeName() + ")");
                complete = false;
            }
            perParameter.add(values);
        }
        List<Object[]> valid = new ArrayList<>();
        List<Object[]> invalid = new ArrayList<>();
        if (!complete && parameterTypes.length > 0) {
            // Perceive still runs on the values that can be made, with null for the others: not a valid input,
            // but enough to catch a version that hangs or allocates without bound.
            Object[] args = new Object[parameterTypes.length];
            for (int i = 0; i < args.length; i++) {
                List<Object> values = perParameter.get(i);
                args[i] = values == null || values.isEmpty() ? null : values.get(0);
            }
            if (noPrimitiveNull(parameterTypes, args)) {
                invalid.add(args);
            }
        }
        if (complete) {
            int n = 1;
            for (List<Object> values : perParameter) {
                n = Math.max(n, values.size());
            }
            n = Math.min(n, MAX_SAMPLES);
            for (int k = 0; k < n; k++) {
                Object[] args = new Object[parameterTypes.length];
                for (int i = 0; i < args.length; i++) {
                    List<Object> values = perParameter.get(i);
                    args[i] = values.get(k % values.size());
                }
                valid.add(args);
            }
            for (int i = 0; i < parameterTypes.length && invalid.size() < MAX_SAMPLES; i++) {
                for (Object bad : invalidValuesOf(parameterTypes[i])) {
                    Object[] args = valid.get(0).clone();
                    args[i] = bad;
                    invalid.add(args);
                }
            }
        }
        List<Object> results = new ArrayList<>();
        if (returnType == void.class) {
            results.add(null);
        } else {
            List<Object> values = valuesOf(returnType, 0);
            if (values == null || values.isEmpty()) {
                notes.add("enforce not verified: no samples of the return type " + returnType.getTypeName());
            } else {
                results.addAll(values);
            }
        }
        return new SampleSet(valid, results, invalid.size() > MAX_SAMPLES ? invalid.subList(0, MAX_SAMPLES) : invalid,
                notes, false);
    }

    private static boolean noPrimitiveNull(Type[] types, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null && types[i] instanceof Class && ((Class<?>) types[i]).isPrimitive()) {
                return false;
            }
        }
        return true;
    }

    /** Values of {@code type} that are valid inputs, or {@code null} when none can be made. */
    public List<Object> valuesOf(Type type) {
        return valuesOf(type, 0);
    }

    private List<Object> valuesOf(Type type, int depth) {
        if (depth > 3) {
            return null;
        }
        if (type instanceof WildcardType) {
            Type[] upper = ((WildcardType) type).getUpperBounds();
            return upper.length == 1 ? valuesOf(upper[0], depth) : null;
        }
        if (type instanceof TypeVariable) {
            Type[] bounds = ((TypeVariable<?>) type).getBounds();
            return bounds.length == 1 && bounds[0] != Object.class ? valuesOf(bounds[0], depth) : null;
        }
        if (type instanceof GenericArrayType) {
            Type component = ((GenericArrayType) type).getGenericComponentType();
            Class<?> raw = erasure(component);
            return raw == null ? null : arrays(raw, valuesOf(component, depth + 1));
        }
        Class<?> raw = erasure(type);
        if (raw == null) {
            return null;
        }
        Type[] typeArgs = type instanceof ParameterizedType ? ((ParameterizedType) type).getActualTypeArguments()
                : new Type[0];
        List<Object> scalar = scalars(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isArray()) {
            return arrays(raw.getComponentType(), valuesOf(raw.getComponentType(), depth + 1));
        }
        if (raw.isEnum() && raw.getClassLoader() == null) {
            List<Object> constants = new ArrayList<>(Arrays.asList(raw.getEnumConstants()));
            return constants.size() > 4 ? constants.subList(0, 4) : constants;
        }
        if (raw == Optional.class) {
            List<Object> out = new ArrayList<>();
            out.add(Optional.empty());
            List<Object> inner = typeArgs.length == 1 ? valuesOf(typeArgs[0], depth + 1) : null;
            if (inner != null && !inner.isEmpty()) {
                out.add(Optional.of(inner.get(inner.size() > 2 ? 2 : 0)));
            }
            return out;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return maps(raw, typeArgs, depth);
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            return collections(raw, typeArgs, depth);
        }
        return null;
    }

    /** Invalid values of {@code type}: {@code null} for reference types, NaN and infinities for floating point. */
    public List<Object> invalidValuesOf(Type type) {
        Class<?> raw = erasure(type);
        List<Object> out = new ArrayList<>();
        if (raw == double.class || raw == Double.class) {
            out.add(Double.NaN);
            out.add(Double.POSITIVE_INFINITY);
        } else if (raw == float.class || raw == Float.class) {
            out.add(Float.NaN);
            out.add(Float.NEGATIVE_INFINITY);
        }
        if (raw == null || !raw.isPrimitive()) {
            out.add(null);
        }
        return out;
    }

    private static List<Object> scalars(Class<?> raw) {
        if (raw == boolean.class || raw == Boolean.class) {
            return list(false, true);
        }
        if (raw == int.class || raw == Integer.class) {
            return list(0, 1, -1, 42, 1000);
        }
        if (raw == long.class || raw == Long.class) {
            return list(0L, 1L, -1L, 42L, 1_000_000L);
        }
        if (raw == double.class || raw == Double.class) {
            return list(0.0, 1.0, -1.0, 0.5, 1234.5);
        }
        if (raw == float.class || raw == Float.class) {
            return list(0.0f, 1.0f, -1.0f, 0.5f);
        }
        if (raw == short.class || raw == Short.class) {
            return list((short) 0, (short) 1, (short) -1, (short) 42);
        }
        if (raw == byte.class || raw == Byte.class) {
            return list((byte) 0, (byte) 1, (byte) -1, (byte) 42);
        }
        if (raw == char.class || raw == Character.class) {
            return list('a', 'Z', '0', ' ');
        }
        if (raw == String.class || raw == CharSequence.class) {
            return list("", "a", "sample text", " padded ", "Mixed Case 42");
        }
        if (raw == BigDecimal.class) {
            return list(BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("-1"), new BigDecimal("12.50"));
        }
        if (raw == BigInteger.class) {
            return list(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(-1), new BigInteger("12345678901234567890"));
        }
        if (raw == Number.class) {
            return list(0, 42, 0.5, -1L);
        }
        if (raw == java.io.File.class) {
            // A path value; nothing is created or opened by making one.
            return list(new java.io.File("sample.txt"), new java.io.File("dir/sample file.txt"));
        }
        if (raw == Object.class || raw == Comparable.class) {
            return list("sample text", 42);
        }
        return null;
    }

    private static List<Object> arrays(Class<?> component, List<Object> elements) {
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        out.add(Array.newInstance(component, 0));
        Object one = Array.newInstance(component, 1);
        Array.set(one, 0, elements.get(elements.size() > 2 ? 2 : 0));
        out.add(one);
        int n = Math.min(3, elements.size());
        Object several = Array.newInstance(component, n);
        for (int i = 0; i < n; i++) {
            Array.set(several, i, elements.get(i));
        }
        out.add(several);
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object> collections(Class<?> raw, Type[] typeArgs, int depth) {
        boolean set = Set.class.isAssignableFrom(raw);
        Collection<Object> empty = newCollection(raw);
        if (empty == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        out.add(empty);
        List<Object> elements = typeArgs.length == 1 ? valuesOf(typeArgs[0], depth + 1) : null;
        if (elements != null && !elements.isEmpty() && (!set && !(empty instanceof SortedSet) || comparable(elements))) {
            Collection<Object> one = newCollection(raw);
            one.add(elements.get(elements.size() > 2 ? 2 : 0));
            out.add(one);
            Collection<Object> several = newCollection(raw);
            for (int i = 0; i < Math.min(3, elements.size()); i++) {
                several.add(elements.get(i));
            }
            out.add(several);
        }
        return out;
    }

    private List<Object> maps(Class<?> raw, Type[] typeArgs, int depth) {
        Map<Object, Object> empty = newMap(raw);
        if (empty == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        out.add(empty);
        List<Object> keys = typeArgs.length == 2 ? valuesOf(typeArgs[0], depth + 1) : null;
        List<Object> values = typeArgs.length == 2 ? valuesOf(typeArgs[1], depth + 1) : null;
        if (keys != null && !keys.isEmpty() && values != null && !values.isEmpty() && comparable(keys)) {
            Map<Object, Object> one = newMap(raw);
            one.put(keys.get(keys.size() > 2 ? 2 : 0), values.get(0));
            out.add(one);
            Map<Object, Object> several = newMap(raw);
            for (int i = 0; i < Math.min(3, keys.size()); i++) {
                several.put(keys.get(i), values.get(i % values.size()));
            }
            out.add(several);
        }
        return out;
    }

    /** Keys and set elements must be usable in hashed and sorted collections: no arrays, no mutable containers. */
    private static boolean comparable(List<Object> values) {
        for (Object v : values) {
            if (!(v instanceof Comparable) || v.getClass().isArray()) {
                return false;
            }
        }
        return true;
    }

    private static Collection<Object> newCollection(Class<?> raw) {
        if (raw.isAssignableFrom(ArrayList.class)) {
            return new ArrayList<>();
        }
        if (raw.isAssignableFrom(LinkedList.class)) {
            return new LinkedList<>();
        }
        if (raw.isAssignableFrom(ArrayDeque.class)) {
            return new ArrayDeque<>();
        }
        if (raw.isAssignableFrom(LinkedHashSet.class)) {
            return new LinkedHashSet<>();
        }
        if (raw.isAssignableFrom(TreeSet.class)) {
            return new TreeSet<>();
        }
        return null;
    }

    private static Map<Object, Object> newMap(Class<?> raw) {
        if (raw.isAssignableFrom(LinkedHashMap.class)) {
            return new LinkedHashMap<>();
        }
        if (raw.isAssignableFrom(TreeMap.class)) {
            return new TreeMap<>();
        }
        return null;
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            Type raw = ((ParameterizedType) type).getRawType();
            return raw instanceof Class ? (Class<?>) raw : null;
        }
        if (type instanceof GenericArrayType) {
            Class<?> component = erasure(((GenericArrayType) type).getGenericComponentType());
            return component == null ? null : Array.newInstance(component, 0).getClass();
        }
        return null;
    }

    private static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
