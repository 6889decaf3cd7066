package dev.poet.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed form of {@code poet.method.<class>.<method>[(<param types>)].<setting>}. The setting name is the
 * last dot-separated segment, so it cannot itself contain a dot — except {@code param.<index>.role}, the role of
 * one parameter by position; parameter types may contain dots (they sit inside the parentheses).
 *
 * @param parameterTypes null when the key addresses every overload; else the types as written
 */
record MethodSettingKey(String className, String methodName, List<String> parameterTypes, String setting) {

    private static final Pattern SETTING = Pattern.compile("[A-Za-z0-9_-]+|param\\.\\d{1,3}\\.role");
    /** A setting addressing one parameter by position: {@code param.<index>.role}. */
    private static final Pattern MISNUMBERED_PARAMETER = Pattern.compile(".+\\.param\\.[^.]+\\.role");
    private static final Pattern PARAMETER_SETTING = Pattern.compile("(.+)\\.(param\\.\\d{1,3}\\.role)");

    boolean overloadSpecific() {
        return parameterTypes != null;
    }

    /** Parses the part after {@code poet.method.}; throws {@link IllegalArgumentException} with the reason. */
    static MethodSettingKey parse(String rest) {
        String head;
        String setting;
        List<String> params = null;
        int open = rest.indexOf('(');
        if (open >= 0) {
            int close = rest.indexOf(')', open);
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != '.') {
                throw new IllegalArgumentException(
                        "expected poet.method.<class>.<method>(<types>).<setting>");
            }
            head = rest.substring(0, open);
            setting = rest.substring(close + 2);
            params = parseTypes(rest.substring(open + 1, close));
        } else {
            Matcher parameter = PARAMETER_SETTING.matcher(rest);
            int dot = rest.lastIndexOf('.');
            if (parameter.matches()) {
                head = parameter.group(1);
                setting = parameter.group(2);
            } else if (MISNUMBERED_PARAMETER.matcher(rest).matches()) {
                throw new IllegalArgumentException("a parameter's role is param.<index>.role, the index a number"
                        + " from 0");
            } else if (dot < 0) {
                throw new IllegalArgumentException("expected poet.method.<class>.<method>.<setting>");
            } else {
                head = rest.substring(0, dot);
                setting = rest.substring(dot + 1);
            }
        }
        int dot = head.lastIndexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("expected poet.method.<class>.<method>.<setting>");
        }
        String className = head.substring(0, dot);
        String method = head.substring(dot + 1);
        if (!Identifiers.isBinaryClassName(className)) {
            throw new IllegalArgumentException("illegal class name '" + className + "'");
        }
        if (!Identifiers.isIdentifier(method)) {
            throw new IllegalArgumentException("illegal method name '" + method + "'");
        }
        if (!SETTING.matcher(setting).matches()) {
            throw new IllegalArgumentException("illegal setting name '" + setting + "'");
        }
        return new MethodSettingKey(className, method, params, setting);
    }

    private static List<String> parseTypes(String text) {
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            return List.of();
        }
        for (String part : text.split(",", -1)) {
            String t = part.trim().replace("...", "[]");
            String element = t;
            while (element.endsWith("[]")) {
                element = element.substring(0, element.length() - 2).trim();
            }
            if (!Identifiers.isBinaryClassName(element)) {
                throw new IllegalArgumentException("illegal parameter type '" + part.trim() + "'");
            }
            out.add(element + dims(t));
        }
        return List.copyOf(out);
    }

    private static String dims(String t) {
        int i = t.indexOf('[');
        return i < 0 ? "" : t.substring(i).replace(" ", "");
    }

    /**
     * Whether the configured types name {@code actual} (fully qualified, nested with {@code $}, arrays as
     * {@code int[]}). A configured name matches by its trailing segments, so {@code String},
     * {@code java.lang.String}, {@code Outer.Inner} and {@code pkg.Outer$Inner} all work.
     */
    boolean matchesParameters(List<String> actual) {
        if (parameterTypes == null) {
            return true;
        }
        if (parameterTypes.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!typeMatches(parameterTypes.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean typeMatches(String configured, String actual) {
        String c = configured.replace('$', '.');
        String a = actual.replace("...", "[]").replace(" ", "").replace('$', '.');
        return a.equals(c) || a.endsWith("." + c);
    }
}
