package dev.poet.bridge;

/** Small facts about Java types that the bridge and the engine both need. */
public final class Types {

    private Types() {
    }

    /** The wrapper class of a primitive type ({@code Void} for {@code void}); any other type itself. */
    public static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == char.class) {
            return Character.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        return Void.class;
    }
}
