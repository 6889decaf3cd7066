package dev.poet.agent.advice;

import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.Slots;
import net.bytebuddy.asm.Advice;

/** {@link ValueAdvice} for methods returning {@code void}: only an exception can be handed back. */
public final class VoidAdvice {

    private VoidAdvice() {
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
    public static void exit(@Advice.Enter Outcome outcome, @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (outcome != null && outcome.thrown != null) {
            thrown = outcome.thrown;
        }
    }
}
