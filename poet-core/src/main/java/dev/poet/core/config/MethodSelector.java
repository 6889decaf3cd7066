package dev.poet.core.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code poet.methods.include}: which classes, by binary name (nested classes with {@code $}), and
 * which of their methods, by name. Immutable; matching looks at names only, so nothing is loaded to decide.
 *
 * <p>The class part is one of
 * <ul>
 *   <li>a binary class name, {@code com.acme.Billing} (exactly that class);</li>
 *   <li>{@code com.acme.billing.*}: every class directly in package {@code com.acme.billing} (nested classes
 *       included, since they are in the same package), not those of its subpackages;</li>
 *   <li>{@code com.acme..*}: every class of {@code com.acme} and of all its subpackages.</li>
 * </ul>
 * After the package, the class name may itself be a glob ({@code com.acme.*Service}, {@code com.acme..*Dao}):
 * {@code *} stands for any run of characters other than {@code .}.
 *
 * <p>The method part lists method names and globs, comma-separated: {@code [get,put]}, {@code [get*]},
 * {@code [*]} (every method). A name selects every overload of that name.
 */
public final class MethodSelector {

    /** How the class part matches. */
    private enum ClassMatch { EXACT, PACKAGE, SUBTREE }

    private final String classPattern;
    private final ClassMatch classMatch;
    /** For {@link ClassMatch#PACKAGE} and {@link ClassMatch#SUBTREE}: the package, and the glob of the rest. */
    private final String packageName;
    private final String classGlob;
    private final Set<String> methodNames;
    private final Set<String> methodGlobs;
    private final boolean allMethods;

    private MethodSelector(String classPattern, ClassMatch classMatch, String packageName, String classGlob,
                           Set<String> methodNames, Set<String> methodGlobs, boolean allMethods) {
        this.classPattern = Objects.requireNonNull(classPattern, "classPattern");
        this.classMatch = classMatch;
        this.packageName = packageName;
        this.classGlob = classGlob;
        this.methodNames = Collections.unmodifiableSet(new LinkedHashSet<>(methodNames));
        this.methodGlobs = Collections.unmodifiableSet(new LinkedHashSet<>(methodGlobs));
        this.allMethods = allMethods;
    }

    /** Selects the named methods (every overload of each) of {@code className}. */
    public static MethodSelector of(String className, Set<String> methodNames) {
        return new MethodSelector(className, ClassMatch.EXACT, null, null, methodNames, Set.of(), false);
    }

    /** Selects every eligible method of {@code className}. */
    public static MethodSelector allOf(String className) {
        return new MethodSelector(className, ClassMatch.EXACT, null, null, Set.of(), Set.of(), true);
    }

    /**
     * A selector from a class pattern and method terms, both in include syntax and already split; {@code null} when
     * either is malformed (the parser says why). Method terms are names, globs with {@code *}, or {@code *}.
     */
    static MethodSelector parsed(String classPattern, Set<String> methodNames, Set<String> methodGlobs,
                                 boolean allMethods) {
        if (allMethods) {
            methodNames = Set.of();
            methodGlobs = Set.of();
        }
        int subtree = classPattern.indexOf("..");
        if (subtree >= 0) {
            return new MethodSelector(classPattern, ClassMatch.SUBTREE, classPattern.substring(0, subtree),
                    classPattern.substring(subtree + 2), methodNames, methodGlobs, allMethods);
        }
        if (classPattern.indexOf('*') >= 0) {
            int dot = classPattern.lastIndexOf('.');
            return new MethodSelector(classPattern, ClassMatch.PACKAGE, classPattern.substring(0, dot),
                    classPattern.substring(dot + 1), methodNames, methodGlobs, allMethods);
        }
        return new MethodSelector(classPattern, ClassMatch.EXACT, null, null, methodNames, methodGlobs, allMethods);
    }

    /**
     * The class part as written: the binary class name for an exact entry, else the pattern
     * ({@code com.acme..*}).
     */
    public String className() {
        return classPattern;
    }

    /** Whether the class part names one class (no package wildcard, no glob). */
    public boolean isExactClass() {
        return classMatch == ClassMatch.EXACT;
    }

    /** The method names listed without a wildcard; empty when {@link #allMethods()}. */
    public Set<String> methodNames() {
        return methodNames;
    }

    /** The method-name globs listed ({@code get*}); empty when {@link #allMethods()}. */
    public Set<String> methodGlobs() {
        return methodGlobs;
    }

    /** Whether every method is selected ({@code [*]}). */
    public boolean allMethods() {
        return allMethods;
    }

    /** Whether {@code binaryName} (e.g. {@code pkg.Outer$Inner}) is one of this selector's classes. */
    public boolean matchesClass(String binaryName) {
        if (binaryName == null) {
            return false;
        }
        switch (classMatch) {
            case EXACT:
                return classPattern.equals(binaryName);
            case PACKAGE: {
                int dot = binaryName.lastIndexOf('.');
                return dot == packageName.length() && binaryName.startsWith(packageName)
                        && glob(classGlob, binaryName, dot + 1);
            }
            default: {
                int dot = binaryName.lastIndexOf('.');
                return dot >= packageName.length() && binaryName.startsWith(packageName)
                        && binaryName.charAt(packageName.length()) == '.'
                        && glob(classGlob, binaryName, dot + 1);
            }
        }
    }

    /** Whether a method called {@code name} is selected; overloads are not told apart here. */
    public boolean matchesMethod(String name) {
        if (allMethods || methodNames.contains(name)) {
            return true;
        }
        for (String pattern : methodGlobs) {
            if (glob(pattern, name, 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} from {@code from} on matches {@code pattern}, where {@code *} is any run of characters. */
    static boolean glob(String pattern, String text, int from) {
        int p = 0;
        int t = from;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodSelector other && classPattern.equals(other.classPattern)
                && allMethods == other.allMethods && methodNames.equals(other.methodNames)
                && methodGlobs.equals(other.methodGlobs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classPattern, methodNames, methodGlobs, allMethods);
    }

    /** The entry in include syntax, e.g. {@code pkg.Cls[m1,m2]} or {@code pkg..*[get*]}. */
    @Override
    public String toString() {
        if (allMethods) {
            return classPattern + "[*]";
        }
        Set<String> terms = new LinkedHashSet<>(methodNames);
        terms.addAll(methodGlobs);
        return classPattern + "[" + String.join(",", terms) + "]";
    }
}
