package dev.poet.agent.advice;

import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.Slots;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into every instrumented method that returns a value. With an empty slot it costs one array read: the
 * argument array is only built on the slow path (inlined advice materialises {@code @AllArguments} where it is
 * read). A non-null {@link Outcome} skips the original body and becomes the method's result or exception.
 */
public final class ValueAdvice {

    private ValueAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Outcome enter(@MethodId int id,
                                @Advice.Origin Class<?> declaringType,
                                @Advice.This(optional = true) Object self,
                                @Advice.AllArguments Object[] args) {
        Object slot = Slots.SLOTS.get(id);
        if (slot == null || Dispatcher.reentered(id)) {
            // Checked before the arguments are boxed: the original's own re-invocation costs no allocation.
            return null;
        }
        return Dispatcher.dispatchOutermost(slot, id, declaringType, self, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Outcome outcome,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (outcome != null) {
            if (outcome.thrown != null) {
                thrown = outcome.thrown;
            } else {
                returned = outcome.value;
            }
        }
    }
}
