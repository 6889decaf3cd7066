package dev.poet.core.store;

import java.util.regex.Pattern;

/**
 * The one check for names that come from outside the agent's own code and end up in a path under
 * {@code .poet/} or the template folders: domain names, version names and method keys read from folder names and
 * from {@code current} files (and, as they are added, from HTTP and the command line). Each kind has a strict
 * pattern; everything else is refused with an {@link UnsafeNameException} naming the value (escaped, so a NUL or
 * a line break cannot forge a log line) and, when it is one, the traversal form found.
 *
 * <p>Accepting only what a strict pattern allows, rather than refusing known-bad forms, is what keeps encodings
 * nobody listed from reaching the file system; the forms are recognised only to say why.
 */
public final class SafeName {

    /** Lower case, so that two folders never collide on a case-insensitive file system; also a Java package part. */
    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Also the store's pattern for version folders; group 1 is the number. */
    static final Pattern VERSION = Pattern.compile("v([1-9][0-9]{0,8})");
    /** See {@link MethodKey}: JVM method names never contain a dot, class names never two in a row. */
    private static final Pattern METHOD_KEY =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}~[A-Za-z0-9_-]{1,40}~[0-9a-f]{8}");

    private SafeName() {
    }

    /** A template domain, e.g. {@code financial_risk}: a lower-case letter, then lower-case letters, digits, {@code _}. */
    public static String domain(String value) {
        return check("domain name", value, DOMAIN, "a lower-case letter, then lower-case letters, digits or _, at most 64");
    }

    /** A version folder name, e.g. {@code v3}. */
    public static String version(String value) {
        return check("version name", value, VERSION, "v followed by a number from 1, e.g. v3");
    }

    /** A method key, e.g. {@code com.acme.Pricing~quote~1a2b3c4d} (see {@link MethodKey}). */
    public static String methodKey(String value) {
        String checked = check("method key", value, METHOD_KEY, "<class>~<method>~<8 hex digits>");
        if (checked.contains("..")) {
            throw new UnsafeNameException("method key", value, "path traversal ('..')");
        }
        return checked;
    }

    /** Whether {@code value} is a valid version name; for readers that skip other entries silently. */
    public static boolean isVersion(String value) {
        return value != null && VERSION.matcher(value).matches();
    }

    private static String check(String kind, String value, Pattern pattern, String expected) {
        if (value == null) {
            throw new UnsafeNameException(kind, null, "missing");
        }
        if (pattern.matcher(value).matches()) {
            return value;
        }
        String form = traversalForm(value);
        throw new UnsafeNameException(kind, value, form != null ? form : "expected " + expected);
    }

    /** The dangerous form {@code value} takes, or null when it is merely malformed. */
    static String traversalForm(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (value.indexOf('\0') >= 0 || lower.contains("%00")) {
            return "NUL character";
        }
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%25")) {
            return "percent-encoded path characters";
        }
        if (value.startsWith("/") || value.startsWith("\\") || value.matches("(?s)[A-Za-z]:.*")) {
            return "absolute path";
        }
        if (value.contains("..")) {
            return "path traversal ('..')";
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            return "path separator";
        }
        return null;
    }

    /** {@code value} printable on one line: control characters as {@code \\uXXXX}, at most 200 characters. */
    static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && sb.length() < 200; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && Character.isISOControl(c))) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() < 200 ? sb.toString() : sb + "...";
    }

    /** A name was refused; the message names it, says why, and is safe to log. */
    public static final class UnsafeNameException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        UnsafeNameException(String kind, String value, String why) {
            super("invalid " + kind + " " + (value == null ? "(none)" : "'" + printable(value) + "'") + ": "
                    + why);
        }
    }
}
