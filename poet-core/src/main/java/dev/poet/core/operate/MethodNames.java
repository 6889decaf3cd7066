package dev.poet.core.operate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import dev.poet.core.operate.OperationException.Kind;

/**
 * How an operator names a method: its full key ({@code com.acme.Pricing~quote~1a2b3c4d}), {@code Class.method}
 * with the class's binary name ({@code com.acme.Outer$Inner.quote}) or its simple name ({@code Pricing.quote},
 * {@code Inner.quote}), or a unique prefix of a key.
 */
final class MethodNames {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._~$-]{1,200}");

    private MethodNames() {
    }

    /** The one key among {@code keys} that {@code name} names. */
    static String resolve(String name, Collection<String> keys) throws OperationException {
        if (name == null || name.isBlank()) {
            throw new OperationException(Kind.BAD_REQUEST, "no method named: give a method key, Class.method or a"
                    + " key prefix");
        }
        String n = name.trim();
        if (n.contains("..") || n.contains("/") || n.contains("\\") || n.contains("%")) {
            throw new OperationException(Kind.BAD_REQUEST, "invalid method name '" + Safe.printable(n)
                    + "': path characters are not part of a method name");
        }
        if (!ALLOWED.matcher(n).matches()) {
            throw new OperationException(Kind.BAD_REQUEST, "invalid method name '" + Safe.printable(n)
                    + "': expected a method key, Class.method or a key prefix (letters, digits, . _ ~ $ -)");
        }
        if (keys.contains(n)) {
            return n;
        }
        List<String> matches = new ArrayList<>();
        int dot = n.lastIndexOf('.');
        if (dot > 0 && dot < n.length() - 1 && n.indexOf('~') < 0) {
            String cls = n.substring(0, dot).replace('$', '-');
            String method = n.substring(dot + 1);
            for (String k : keys) {
                String[] parts = k.split("~", -1);
                if (parts.length == 3 && parts[1].equals(method)
                        && (parts[0].equals(cls) || parts[0].endsWith("." + cls) || parts[0].endsWith("-" + cls))) {
                    matches.add(k);
                }
            }
        }
        if (matches.isEmpty()) {
            for (String k : keys) {
                if (k.startsWith(n)) {
                    matches.add(k);
                }
            }
        }
        if (matches.isEmpty()) {
            throw new OperationException(Kind.UNKNOWN, "no method matches '" + n + "'");
        }
        if (matches.size() > 1) {
            matches.sort(null);
            throw new OperationException(Kind.AMBIGUOUS, "'" + n + "' matches " + matches.size() + " methods: "
                    + String.join(", ", matches));
        }
        return matches.get(0);
    }

    /** {@code Class.method} for a key: the class part with nested-class dashes read back as {@code $}. */
    static String displayName(String key) {
        String[] parts = key.split("~", -1);
        if (parts.length < 2) {
            return key;
        }
        return parts[0].replace('-', '$') + "." + parts[1];
    }

    /** Printable forms of outside values for messages. */
    static final class Safe {
        private Safe() {
        }

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
            return sb.toString();
        }
    }
}
