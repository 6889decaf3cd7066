package dev.poet.core.engine;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The types generated code may name for a class's enhanced methods: the class itself and every type of the
 * methods' signatures (parameters, result, declared exceptions), JDK ones included; the audit rules their members.
 */
final class SignatureTypes {

    private SignatureTypes() {
    }

    static Map<String, Class<?>> of(Class<?> type, List<Method> methods) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        add(types, type);
        for (Method method : methods) {
            for (Class<?> p : method.getParameterTypes()) {
                add(types, p);
            }
            add(types, method.getReturnType());
            for (Class<?> e : method.getExceptionTypes()) {
                add(types, e);
            }
        }
        return types;
    }

    private static void add(Map<String, Class<?>> types, Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (!type.isPrimitive()) {
            types.put(type.getName(), type);
        }
    }
}
