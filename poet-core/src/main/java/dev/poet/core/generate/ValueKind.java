package dev.poet.core.generate;

import dev.poet.bridge.Types;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * What kind of value a parameter or result is, as far as templates care: each kind has checks and repairs of its
 * own. Exposed to templates as boolean flags ({@code isReference}, {@code isFloating}, ...).
 */
public final class ValueKind {

    private final Class<?> type;

    public ValueKind(Class<?> type) {
        this.type = type;
    }

    public boolean isPrimitive() {
        return type.isPrimitive();
    }

    public boolean isReference() {
        return !type.isPrimitive();
    }

    /** {@code double}, {@code float} or their boxes: NaN and infinity are possible. */
    public boolean isFloating() {
        return type == double.class || type == float.class || type == Double.class || type == Float.class;
    }

    public boolean isNumber() {
        return isFloating() || type == int.class || type == long.class || type == short.class || type == byte.class
                || Number.class.isAssignableFrom(type);
    }

    public boolean isBigDecimal() {
        return type == BigDecimal.class;
    }

    public boolean isString() {
        return type == String.class || type == CharSequence.class;
    }

    public boolean isCollection() {
        return Collection.class.isAssignableFrom(type);
    }

    public boolean isMap() {
        return Map.class.isAssignableFrom(type);
    }

    /** {@code List} or a subtype. */
    public boolean isList() {
        return java.util.List.class.isAssignableFrom(type);
    }

    /** Declared as {@code Object}. */
    public boolean isObject() {
        return type == Object.class;
    }

    /**
     * Whether a {@code LinkedHashMap} may be returned where this type is declared ({@code Map}, {@code Object},
     * {@code LinkedHashMap}, ...): templates that build a new map result check this first.
     */
    public boolean acceptsMap() {
        return type.isAssignableFrom(java.util.LinkedHashMap.class);
    }

    /** Whether a {@code String} may be returned where this type is declared. */
    public boolean acceptsString() {
        return type.isAssignableFrom(String.class);
    }

    public boolean isArray() {
        return type.isArray();
    }

    /** {@code double[]} or {@code float[]}: the elements may be NaN or infinite. */
    public boolean isFloatingArray() {
        return type == double[].class || type == float[].class;
    }

    /** The boxed type's Java source name ({@code java.lang.Integer} for {@code int}). */
    public String boxed() {
        return sourceName(Types.box(type));
    }

    /** The type's Java source name; arrays as {@code int[]}, nested classes with dots. */
    public String type() {
        return sourceName(type);
    }

    static String sourceName(Class<?> type) {
        if (type.isArray()) {
            return sourceName(type.getComponentType()) + "[]";
        }
        return type.getName().replace('$', '.');
    }

}
