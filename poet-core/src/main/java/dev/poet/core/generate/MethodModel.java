package dev.poet.core.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One enhanced method as a template sees it. Mustache reads the public methods: {@code {{name}}},
 * {{#params}}…{{/params}}, {{#result.isFloating}}…, and so on.
 */
public final class MethodModel {

    /** One parameter: position, name from the class file (or {@code arg<i>}) and its kind. */
    public static final class Param {
        public final int index;
        public final String name;
        public final ValueKind kind;

        Param(int index, String name, Class<?> type) {
            this.index = index;
            this.name = name;
            this.kind = new ValueKind(type);
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

    public MethodModel(String nested, String key, String name, String declaringClass, Class<?> returnType,
                       boolean isSynchronized, Class<?>[] parameterTypes, String[] parameterNames) {
        this.nested = nested;
        this.key = key;
        this.name = name;
        this.declaringClass = declaringClass;
        this.isVoid = returnType == void.class;
        this.isSynchronized = isSynchronized;
        this.result = new ValueKind(returnType);
        List<Param> list = new ArrayList<>(parameterTypes.length);
        for (int i = 0; i < parameterTypes.length; i++) {
            list.add(new Param(i, parameterNames[i], parameterTypes[i]));
        }
        this.params = List.copyOf(list);
    }

    /** A Java string literal of the method's display name (escaped), for events and messages. */
    public String quotedName() {
        return "\"" + (declaringClass + "." + name).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
