package dev.poet.core.model;

import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instrumented method as seen when its class was transformed, before the class exists: names, descriptor,
 * modifiers, and the settings written in a {@code @Poet} annotation (on the method, else on its class).
 *
 * @param className  binary name of the declaring class, e.g. {@code com.acme.Outer$Inner}
 * @param methodName the method's name
 * @param descriptor JVM descriptor, e.g. {@code (I[Ljava/lang/String;)J}
 * @param modifiers  {@link java.lang.reflect.Modifier} bits
 * @param annotation settings from {@code @Poet} ({@code domain}, {@code optimize-for}, {@code retries},
 *                   {@code timeout-ms}, {@code idempotent}) that differ from the annotation's defaults; empty when
 *                   the method was selected by configuration only
 */
public record MethodSpec(String className, String methodName, String descriptor, int modifiers,
                         Map<String, String> annotation) {

    public MethodSpec {
        annotation = annotation == null || annotation.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(annotation));
    }

    public boolean isStatic() {
        return Modifier.isStatic(modifiers);
    }

    public boolean isSynchronized() {
        return Modifier.isSynchronized(modifiers);
    }

    /** {@code com.acme.Pricing.quote(ILjava/lang/String;)D}, for log lines. */
    public String displayName() {
        return className + "." + methodName + descriptor;
    }
}
