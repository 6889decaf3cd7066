package dev.poet.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;

/**
 * Makes the handle through which Operate′ runs the exact original implementation of a method, adapted to
 * {@code (Object self, Object[] args)Object}. Implementations are named {@code ...OriginalHandles}:
 * {@link PrivateLookupOriginalHandles} here, and the agent's, which opens named modules to us first.
 */
public interface OriginalHandles {

    MethodHandle originalOf(Method method) throws ReflectiveOperationException;
}
