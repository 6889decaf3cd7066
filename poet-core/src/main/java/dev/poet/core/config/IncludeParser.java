package dev.poet.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code poet.methods.include}. A malformed entry becomes a problem naming that entry, so one typo does not
 * disable the others.
 */
final class IncludeParser {

    record Result(List<MethodSelector> selectors, List<ConfigProblem> problems) {
    }

    private IncludeParser() {
    }

    static Result parse(String text) {
        List<MethodSelector> selectors = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (String raw : text.split(";")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String reason = parseEntry(entry, selectors);
            if (reason != null) {
                problems.add(new ConfigProblem(ConfigKeys.METHODS_INCLUDE, entry, reason));
            }
        }
        return new Result(List.copyOf(selectors), List.copyOf(problems));
    }

    /** Adds the entry's selector, or returns why it is malformed. */
    private static String parseEntry(String entry, List<MethodSelector> out) {
        int open = entry.indexOf('[');
        if (open < 0 || !entry.endsWith("]") || entry.indexOf('[', open + 1) >= 0) {
            return "expected <class>[<method>,...] or <class>[*]";
        }
        String className = entry.substring(0, open).trim();
        if (className.isEmpty()) {
            return "empty class name";
        }
        if (!Identifiers.isBinaryClassName(className)) {
            return "illegal class name '" + className + "'";
        }
        String inner = entry.substring(open + 1, entry.length() - 1).trim();
        if (inner.isEmpty()) {
            return "no method names between [ and ]";
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String m : inner.split(",", -1)) {
            String name = m.trim();
            if (name.equals("*")) {
                out.add(MethodSelector.allOf(className));
                return null;
            }
            if (!Identifiers.isIdentifier(name)) {
                return "illegal method name '" + name + "'";
            }
            methods.add(name);
        }
        out.add(MethodSelector.of(className, methods));
        return null;
    }
}
