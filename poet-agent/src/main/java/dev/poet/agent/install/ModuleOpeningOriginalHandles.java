package dev.poet.agent.install;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

import dev.poet.core.engine.PrivateLookupOriginalHandles;

/**
 * {@link PrivateLookupOriginalHandles} that first opens the declaring class's package to the agent when it lives in
 * a named module (class-path classes are in unnamed modules, which are open already).
 */
final class ModuleOpeningOriginalHandles extends PrivateLookupOriginalHandles {

    private final Instrumentation instrumentation;

    ModuleOpeningOriginalHandles(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    @Override
    public MethodHandle originalOf(Method method) throws ReflectiveOperationException {
        Class<?> owner = method.getDeclaringClass();
        Module target = owner.getModule();
        Module self = ModuleOpeningOriginalHandles.class.getModule();
        String pkg = owner.getPackageName();
        if (target.isNamed() && !target.isOpen(pkg, self)) {
            instrumentation.redefineModule(target, Set.of(), Map.of(), Map.of(pkg, Set.of(self)), Set.of(), Map.of());
        }
        return super.originalOf(method);
    }
}
