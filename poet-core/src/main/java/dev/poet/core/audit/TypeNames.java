package dev.poet.core.audit;

/**
 * Conversions between the spellings of a type name the audit meets: binary ({@code java.util.Map$Entry}), internal
 * ({@code java/util/Map$Entry}), source arrays ({@code int[]}) and JVM descriptors ({@code [Ljava/io/File;}).
 */
final class TypeNames {

    private TypeNames() {
    }

    /**
     * The internal name of the element type of {@code name}, or {@code null} when it is a primitive type or an
     * array of one. Accepts binary or internal names, descriptors and {@code Foo[]}.
     */
    static String elementInternalName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String n = name;
        while (n.endsWith("[]")) {
            n = n.substring(0, n.length() - 2);
        }
        int dims = 0;
        while (dims < n.length() && n.charAt(dims) == '[') {
            dims++;
        }
        if (dims > 0) {
            n = n.substring(dims);
            if (n.length() == 1) {
                return null;
            }
            if (n.startsWith("L") && n.endsWith(";")) {
                n = n.substring(1, n.length() - 1);
            }
        }
        if (isPrimitive(n)) {
            return null;
        }
        return n.replace('.', '/');
    }

    /** The binary (dotted) spelling of an internal name, for messages. */
    static String binary(String internalName) {
        return internalName == null ? null : internalName.replace('/', '.');
    }

    private static boolean isPrimitive(String n) {
        switch (n) {
            case "boolean": case "byte": case "char": case "short": case "int": case "long": case "float":
            case "double": case "void":
                return true;
            default:
                return false;
        }
    }
}
