package dev.poet.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * {@link OriginalHandles} for classes whose package is open to us (every class-path class): a private lookup in
 * the declaring class and {@code findSpecial}, so an override in a subclass is never reached.
 */
public class PrivateLookupOriginalHandles implements OriginalHandles {

    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class, Object[].class);

    @Override
    public MethodHandle originalOf(Method method) throws ReflectiveOperationException {
        Class<?> owner = method.getDeclaringClass();
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
        MethodType type = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
        int count = method.getParameterCount();
        if (Modifier.isStatic(method.getModifiers())) {
            MethodHandle target = lookup.findStatic(owner, method.getName(), type).asFixedArity()
                    .asSpreader(Object[].class, count);
            return MethodHandles.dropArguments(target, 0, Object.class).asType(SPREAD);
        }
        // Fixed arity: a varargs handle would re-collect the spread array into another array.
        MethodHandle target = lookup.findSpecial(owner, method.getName(), type, owner).asFixedArity()
                .asSpreader(Object[].class, count);
        return target.asType(SPREAD);
    }
}
