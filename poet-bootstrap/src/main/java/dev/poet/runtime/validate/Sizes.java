package dev.poet.runtime.validate;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Size and truncation of the "sized" values: strings, collections, maps and arrays. */
final class Sizes {

    private Sizes() {
    }

    /** The value's length or size, or -1 when it has none. */
    static int sizeOf(Object value) {
        if (value instanceof CharSequence) {
            return ((CharSequence) value).length();
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).size();
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).size();
        }
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value);
        }
        return -1;
    }

    /** A copy of {@code value} holding its first {@code n} elements (characters, entries), same kind of value. */
    static Object truncate(Object value, int n) {
        if (value instanceof String) {
            return ((String) value).substring(0, n);
        }
        if (value instanceof CharSequence) {
            return ((CharSequence) value).subSequence(0, n).toString();
        }
        if (value instanceof List) {
            return new ArrayList<Object>(((List<?>) value).subList(0, n));
        }
        if (value instanceof Set) {
            Set<Object> out = new LinkedHashSet<>();
            Iterator<?> it = ((Set<?>) value).iterator();
            while (out.size() < n && it.hasNext()) {
                out.add(it.next());
            }
            return out;
        }
        if (value instanceof Collection) {
            List<Object> out = new ArrayList<>(n);
            Iterator<?> it = ((Collection<?>) value).iterator();
            while (out.size() < n && it.hasNext()) {
                out.add(it.next());
            }
            return out;
        }
        if (value instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
            while (out.size() < n && it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                out.put(e.getKey(), e.getValue());
            }
            return out;
        }
        if (value != null && value.getClass().isArray()) {
            Object out = Array.newInstance(value.getClass().getComponentType(), n);
            System.arraycopy(value, 0, out, 0, n);
            return out;
        }
        return Rule.UNREPAIRABLE;
    }
}
