package dev.poet.core.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.core.compile.EnhancementLoader;
import dev.poet.runtime.budget.LoopBudget;

/** Turns a defined generated class into an enhancement instance. */
final class GeneratedClasses {

    private GeneratedClasses() {
    }

    static Enhancement construct(String className, EnhancementLoader loader, MethodContext context)
            throws ActivationFailure {
        try {
            Class<?> generated = Class.forName(className, true, loader);
            if (!Enhancement.class.isAssignableFrom(generated)) {
                throw new ActivationFailure(className + " does not implement " + Enhancement.class.getName());
            }
            Constructor<?> constructor = generated.getConstructor(MethodContext.class);
            // Generated constructors and initialisers count against a fresh budget, not the generator thread's.
            long saved = LoopBudget.begin(LoopBudget.DEFAULT_BUDGET);
            try {
                return (Enhancement) constructor.newInstance(context);
            } finally {
                LoopBudget.end(saved);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new ActivationFailure("generated class " + className + " could not be instantiated: " + cause,
                    cause);
        }
    }
}
