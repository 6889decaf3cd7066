package dev.poet.core.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code poet.methods.include}: a class by binary name (nested classes with {@code $}) and either a
 * set of method names or every method ({@code *}). Immutable.
 */
public final class MethodSelector {

    private final String className;
    private final Set<String> methodNames;
    private final boolean allMethods;

    private MethodSelector(String className, Set<String> methodNames, boolean allMethods) {
        this.className = Objects.requireNonNull(className, "className");
        this.methodNames = Collections.unmodifiableSet(new LinkedHashSet<>(methodNames));
        this.allMethods = allMethods;
    }

    /** Selects the named methods (every overload of each) of {@code className}. */
    public static MethodSelector of(String className, Set<String> methodNames) {
        return new MethodSelector(className, methodNames, false);
    }

    /** Selects every eligible method of {@code className}. */
    public static MethodSelector allOf(String className) {
        return new MethodSelector(className, Set.of(), true);
    }

    /** The binary class name, e.g. {@code pkg.Outer$Inner}. */
    public String className() {
        return className;
    }

    /** The selected method names; empty when {@link #allMethods()}. */
    public Set<String> methodNames() {
        return methodNames;
    }

    /** Whether every method is selected ({@code [*]}). */
    public boolean allMethods() {
        return allMethods;
    }

    /** Whether {@code binaryName} (e.g. {@code pkg.Outer$Inner}) is this selector's class; exact match. */
    public boolean matchesClass(String binaryName) {
        return className.equals(binaryName);
    }

    /** Whether a method called {@code name} is selected; overloads are not told apart here. */
    public boolean matchesMethod(String name) {
        return allMethods || methodNames.contains(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodSelector other && className.equals(other.className)
                && allMethods == other.allMethods && methodNames.equals(other.methodNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, methodNames, allMethods);
    }

    /** The entry in include syntax, e.g. {@code pkg.Cls[m1,m2]}. */
    @Override
    public String toString() {
        return className + "[" + (allMethods ? "*" : String.join(",", methodNames)) + "]";
    }
}
