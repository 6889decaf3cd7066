package dev.poet.core.engine;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;

/**
 * Makes the handle through which Operate′ runs the exact original implementation of a method, adapted to
 * {@code (Object self, Object[] args)Object}. The agent's implementation opens named modules to us first.
 */
public interface OriginalHandles {

    MethodHandle originalOf(Method method) throws ReflectiveOperationException;
}
