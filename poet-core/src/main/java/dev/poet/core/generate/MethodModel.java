package dev.poet.core.generate;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Type;

import dev.poet.core.model.GenerationFacts;

/**
 * One enhanced method as a template sees it. Mustache reads the public methods: {@code {{name}}},
 * {{#params}}…{{/params}}, {{#result.isFloating}}…, and so on.
 */
public final class MethodModel {

    /**
     * One parameter: position, name from the class file (or {@code arg<i>}), the role a domain's name-based rules
     * see ({@code {{role}}}), its kind and its Bean Validation constraints ({@code {{#constraints}}{{{expr}}},
     * {{/constraints}}}, {@code {{#hasConstraints}}}).
     */
    public static final class Param {
        public final int index;
        public final String name;
        /**
         * What rules that find an argument by name (financial_risk's incomes, llm_ops' prompt) match against: the
         * role configured for this position, else the name from the class file, else empty — a made-up
         * {@code arg<i>} is never matched, so nothing is guessed from position.
         */
        public final String role;
        public final ValueKind kind;
        public final List<ConstraintModel> constraints;
        public final boolean hasConstraints;

        Param(int index, String name, String role, Class<?> type, List<ConstraintModel> constraints) {
            this.index = index;
            this.name = name;
            this.role = role;
            this.kind = new ValueKind(type);
            this.constraints = constraints;
            this.hasConstraints = !constraints.isEmpty();
        }
    }

    /** Name of the generated class implementing this method's enhancement, e.g. {@code M0}. */
    public final String nested;
    public final String key;
    public final String name;
    public final String declaringClass;
    public final boolean isVoid;
    public final boolean isSynchronized;
    public final ValueKind result;
    public final List<Param> params;
    /** Bean Validation constraints on the return value (annotations on the method). */
    public final List<ConstraintModel> resultConstraints;
    public final boolean hasResultConstraints;

    public MethodModel(String nested, String key, String name, String declaringClass, Class<?> returnType,
                       boolean isSynchronized, Class<?>[] parameterTypes, String[] parameterNames) {
        this(nested, key, name, declaringClass, returnType, isSynchronized, parameterTypes, parameterNames, null);
    }

    /**
     * @param facts the method's class-file facts (for its constraint annotations), or {@code null}
     */
    public MethodModel(String nested, String key, String name, String declaringClass, Class<?> returnType,
                       boolean isSynchronized, Class<?>[] parameterTypes, String[] parameterNames,
                       GenerationFacts.MethodFacts facts) {
        this(nested, key, name, declaringClass, returnType, isSynchronized, parameterTypes, parameterNames, facts,
                facts != null && !facts.parameterNamesKnown() ? new String[parameterTypes.length] : parameterNames);
    }

    /**
     * @param facts the method's class-file facts (for its constraint annotations), or {@code null}
     * @param roles per parameter, what name-based rules match ({@link Param#role}); {@code null} entries become
     *              empty
     */
    public MethodModel(String nested, String key, String name, String declaringClass, Class<?> returnType,
                       boolean isSynchronized, Class<?>[] parameterTypes, String[] parameterNames,
                       GenerationFacts.MethodFacts facts, String[] roles) {
        this.nested = nested;
        this.key = key;
        this.name = name;
        this.declaringClass = declaringClass;
        this.isVoid = returnType == void.class;
        this.isSynchronized = isSynchronized;
        this.result = new ValueKind(returnType);
        List<Param> list = new ArrayList<>(parameterTypes.length);
        for (int i = 0; i < parameterTypes.length; i++) {
            list.add(new Param(i, parameterNames[i], roles[i] == null ? "" : roles[i], parameterTypes[i],
                    facts == null ? List.of() : ConstraintModel.of(facts.annotationsOf(i))));
        }
        this.params = List.copyOf(list);
        this.resultConstraints = facts == null || returnType == void.class ? List.of()
                : ConstraintModel.of(facts.methodAnnotations());
        this.hasResultConstraints = !resultConstraints.isEmpty();
    }

    /**
     * The model of {@code method}, its constraint annotations read from its class file (through the declaring
     * class's loader; none when the class file is not readable).
     */
    public static MethodModel forMethod(String nested, String key, Method method, String[] parameterNames) {
        Class<?> type = method.getDeclaringClass();
        return forMethod(nested, key, method, parameterNames, GenerationFacts.read(type.getClassLoader(), type.getName())
                .method(method.getName(), Type.getMethodDescriptor(method)));
    }

    /**
     * As {@link #forMethod(String, String, Method, String[])} with the class file already read: a class with
     * hundreds of selected methods is parsed once, not once per method.
     */
    public static MethodModel forMethod(String nested, String key, Method method, String[] parameterNames,
                                        GenerationFacts.MethodFacts facts) {
        return new MethodModel(nested, key, method.getName(), method.getDeclaringClass().getName(),
                method.getReturnType(), Modifier.isSynchronized(method.getModifiers()), method.getParameterTypes(),
                parameterNames, facts);
    }

    /** As {@link #forMethod(String, String, Method, String[], GenerationFacts.MethodFacts)} with explicit roles. */
    public static MethodModel forMethod(String nested, String key, Method method, String[] parameterNames,
                                        GenerationFacts.MethodFacts facts, String[] roles) {
        return new MethodModel(nested, key, method.getName(), method.getDeclaringClass().getName(),
                method.getReturnType(), Modifier.isSynchronized(method.getModifiers()), method.getParameterTypes(),
                parameterNames, facts, roles);
    }

    /** A Java string literal of the method's display name (escaped), for events and messages. */
    public String quotedName() {
        return "\"" + (declaringClass + "." + name).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
