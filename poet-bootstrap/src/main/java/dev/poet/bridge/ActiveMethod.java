package dev.poet.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.budget.LoopBudget;

/**
 * An activated enhancement of one method: what its slot holds. Runs one call through P → O′ → E and decides,
 * whenever something of ours fails, whether the original runs in place or its own outcome is returned.
 */
public final class ActiveMethod {

    private static final MethodType ORIGINAL_TYPE = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final MethodContext context;
    private final Enhancement enhancement;
    private final MethodHandle original;
    private volatile String version;
    private final Class<?>[] boxedParameterTypes;
    private final Class<?> boxedReturnType;

    /**
     * @param original the exact original implementation, adapted to {@code (Object self, Object[] args)Object}
     *                 (for static methods {@code self} is ignored); never a virtual call that could reach an
     *                 override
     * @param version  the stored version this enhancement is, e.g. {@code v3}
     */
    public ActiveMethod(MethodContext context, Enhancement enhancement, MethodHandle original, String version) {
        if (!original.type().equals(ORIGINAL_TYPE)) {
            throw new IllegalArgumentException("original must be of type " + ORIGINAL_TYPE + ", was " + original.type());
        }
        this.context = context;
        this.enhancement = enhancement;
        this.original = original;
        this.version = version;
        this.boxedParameterTypes = new Class<?>[context.parameterCount()];
        for (int i = 0; i < boxedParameterTypes.length; i++) {
            boxedParameterTypes[i] = Types.box(context.parameterType(i));
        }
        this.boxedReturnType = Types.box(context.returnType());
    }

    public MethodContext context() {
        return context;
    }

    public Enhancement enhancement() {
        return enhancement;
    }

    /** The stored version's name, e.g. {@code v3}; {@code pending} until it is stored. */
    public String version() {
        return version;
    }

    /** Records the version's name once it is stored (activation does not wait for the disk). */
    public void storedAs(String storedVersion) {
        this.version = storedVersion;
    }

    MethodHandle original() {
        return original;
    }

    Class<?> boxedParameterType(int index) {
        return boxedParameterTypes[index];
    }

    /**
     * Runs one call. Returns {@code null} when the original must run in place (our failure before it ran),
     * otherwise the outcome the caller receives.
     */
    Outcome invoke(Object self, Object[] args, BridgeHooks hooks) {
        Call call = new Call(this, self, args, ExecutionIds.next());
        MethodStats stats = context.stats();
        stats.calls.increment();
        Outcome outcome;
        ReentryGuard.enter(context.id());
        // Generated code counts its backward branches; past the budget it throws our own error and fails open.
        long outerBudget = LoopBudget.begin(LoopBudget.DEFAULT_BUDGET);
        try {
            outcome = run(call, args, hooks);
        } finally {
            LoopBudget.end(outerBudget);
            ReentryGuard.exit(context.id());
        }
        int attempts = call.attempts();
        if (attempts > 1) {
            stats.retries.add(attempts - 1);
        }
        if (outcome != null && outcome.thrown != null) {
            if (outcome.thrown instanceof DeliberateFailure && !call.thrownByOriginal(outcome.thrown)) {
                stats.deliberateFailures.increment();
            } else {
                stats.failuresPassedThrough.increment();
            }
        }
        return outcome;
    }

    private Outcome run(Call call, Object[] args, BridgeHooks hooks) {
        Object[] perceived;
        try {
            perceived = enhancement.perceive(call, args);
            if (perceived == null) {
                perceived = args;
            }
        } catch (Throwable t) {
            if (isDeliberate(t, call)) {
                return Outcome.throwing(t);
            }
            return ownFailure(call, "perceive", t, hooks);
        }
        Object result;
        try {
            result = enhancement.operate(call, perceived);
        } catch (Throwable t) {
            if (call.thrownByOriginal(t) || isDeliberate(t, call)) {
                return Outcome.throwing(t);
            }
            return ownFailure(call, "operate", t, hooks);
        }
        Object enforced;
        try {
            enforced = enhancement.enforce(call, result);
        } catch (Throwable t) {
            if (isDeliberate(t, call)) {
                return Outcome.throwing(t);
            }
            return ownFailure(call, "enforce", t, hooks);
        }
        if (!fitsReturnType(enforced)) {
            return ownFailure(call, "enforce", new EnhancementError("enforce returned "
                    + (enforced == null ? "null" : enforced.getClass().getName()) + " for a method returning "
                    + context.returnType().getName()), hooks);
        }
        return Outcome.returning(enforced);
    }

    private static boolean isDeliberate(Throwable t, Call call) {
        return t instanceof DeliberateFailure && !call.thrownByOriginal(t);
    }

    private Outcome ownFailure(Call call, String phase, Throwable t, BridgeHooks hooks) {
        context.stats().ownFailures.increment();
        if (hooks != null) {
            try {
                hooks.ownFailure(this, phase, t);
            } catch (Throwable ignored) {
                // Reporting a failure must not become one.
            }
        }
        // Before the original ran, it runs now (in place); after, its own outcome stands: never twice.
        return call.originalRan() ? call.lastOriginalOutcome() : null;
    }

    private boolean fitsReturnType(Object value) {
        Class<?> declared = context.returnType();
        if (declared == void.class) {
            return true;
        }
        if (value == null) {
            return !declared.isPrimitive();
        }
        return boxedReturnType.isInstance(value);
    }

}
