package dev.poet.core.config;

/** Checks names written in configuration against the Java identifier rules. */
final class Identifiers {

    private Identifiers() {
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A binary class name: dot-separated identifiers, nested classes joined with {@code $}. */
    static boolean isBinaryClassName(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".")) {
            return false;
        }
        for (String part : s.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }
}
