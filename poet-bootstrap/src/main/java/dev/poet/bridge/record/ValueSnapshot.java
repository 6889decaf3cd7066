package dev.poet.bridge.record;

/**
 * Copies a value as JSON text at the moment it is taken, so a recorded input never shares state with the
 * application's live objects. A value this class cannot record is written as {@code {"$unrecorded":"<class>"}},
 * never guessed.
 */
public final class ValueSnapshot {

    private ValueSnapshot() {
    }

    /** {@code value} as JSON text. */
    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof String) {
            string((String) value, out);
        } else {
            out.append("{\"$unrecorded\":");
            string(value.getClass().getName(), out);
            out.append('}');
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
