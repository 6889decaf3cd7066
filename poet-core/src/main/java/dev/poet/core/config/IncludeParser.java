package dev.poet.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code poet.methods.include} (syntax in {@link MethodSelector}). A malformed entry becomes a problem naming
 * that entry and why, so one typo does not disable the others. Public so that a selection given at run time (by an
 * operator) is read exactly as the configured one.
 */
public final class IncludeParser {

    /** The selectors of the well-formed entries, in order, and one problem per malformed entry. */
    public record Result(List<MethodSelector> selectors, List<ConfigProblem> problems) {
    }

    private IncludeParser() {
    }

    /** Parses a whole {@code poet.methods.include} value; {@code null} reads as empty. */
    public static Result parse(String text) {
        List<MethodSelector> selectors = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        if (text == null) {
            return new Result(List.of(), List.of());
        }
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
        String classProblem = classProblem(className);
        if (classProblem != null) {
            return classProblem;
        }
        String inner = entry.substring(open + 1, entry.length() - 1).trim();
        if (inner.isEmpty()) {
            return "no method names between [ and ]";
        }
        Set<String> methods = new LinkedHashSet<>();
        Set<String> globs = new LinkedHashSet<>();
        for (String m : inner.split(",", -1)) {
            String name = m.trim();
            if (name.equals("*")) {
                out.add(MethodSelector.parsed(className, Set.of(), Set.of(), true));
                return null;
            }
            if (name.indexOf('*') >= 0) {
                if (!isGlob(name)) {
                    return "illegal method name pattern '" + name + "'";
                }
                globs.add(name);
            } else if (!Identifiers.isIdentifier(name)) {
                return "illegal method name '" + name + "'";
            } else {
                methods.add(name);
            }
        }
        out.add(MethodSelector.parsed(className, methods, globs, false));
        return null;
    }

    /** Why the class part is malformed, or null: a binary name, or a package then {@code .} or {@code ..} and a glob. */
    private static String classProblem(String className) {
        int subtree = className.indexOf("..");
        if (subtree >= 0) {
            String pkg = className.substring(0, subtree);
            String rest = className.substring(subtree + 2);
            if (pkg.isEmpty()) {
                return "no package before '..' in '" + className + "'";
            }
            if (!Identifiers.isBinaryClassName(pkg)) {
                return "illegal package name '" + pkg + "' in '" + className + "'";
            }
            if (rest.isEmpty() || rest.indexOf('.') >= 0 || !isGlob(rest)) {
                return "expected <package>..<class pattern> (e.g. com.acme..*), got '" + className + "'";
            }
            return null;
        }
        if (className.indexOf('*') < 0) {
            return Identifiers.isBinaryClassName(className) ? null : "illegal class name '" + className + "'";
        }
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return "a wildcard needs a package before it (e.g. com.acme.*), got '" + className + "'";
        }
        String pkg = className.substring(0, dot);
        if (pkg.indexOf('*') >= 0) {
            return "a wildcard is allowed only after the last '.' (use <package>..* for subpackages), got '"
                    + className + "'";
        }
        if (!Identifiers.isBinaryClassName(pkg)) {
            return "illegal package name '" + pkg + "' in '" + className + "'";
        }
        return isGlob(className.substring(dot + 1)) ? null : "illegal class name pattern '" + className + "'";
    }

    /** A name with {@code *} standing for any run of characters that is an identifier once the stars are filled. */
    private static boolean isGlob(String s) {
        return Identifiers.isIdentifier(s.replace('*', 'a'));
    }
}
