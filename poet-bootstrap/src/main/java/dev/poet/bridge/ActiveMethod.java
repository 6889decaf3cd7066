package dev.poet.bridge;

import java.lang.invoke.MethodHandle;

import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.budget.LoopBudget;

/**
 * An activated enhancement of one method: what its slot holds while it is active. Runs one call through
 * P → O′ → E and decides, whenever something of ours fails, whether the original runs in place or its own outcome
 * is returned; reports such failures to the {@link FailureReporter} it was built with.
 */
public final class ActiveMethod {

    private final MethodContext context;
    private final Enhancement enhancement;
    private final Original original;
    private final FailureReporter reporter;
    private volatile String version;
    private final Class<?> boxedReturnType;

    /**
     * @param original the exact original implementation, adapted to {@code (Object self, Object[] args)Object}
     *                 (for static methods {@code self} is ignored); never a virtual call that could reach an
     *                 override
     * @param version  the stored version this enhancement is, e.g. {@code v3}
     * @param reporter where this method's own failures are reported
     */
    public ActiveMethod(MethodContext context, Enhancement enhancement, MethodHandle original, String version,
                        FailureReporter reporter) {
        this.context = context;
        this.enhancement = enhancement;
        this.original = new Original(context, original);
        this.reporter = reporter == null ? FailureReporter.NONE : reporter;
        this.version = version;
        this.boxedReturnType = Types.box(context.returnType());
    }

    /**
     * An active method that reports its own failures to nobody (they are still counted in its stats): for
     * harnesses that run enhancements without an engine.
     */
    public ActiveMethod(MethodContext context, Enhancement enhancement, MethodHandle original, String version) {
        this(context, enhancement, original, version, FailureReporter.NONE);
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

    /**
     * Runs one call. Returns {@code null} when the original must run in place (our failure before it ran),
     * otherwise the outcome the caller receives.
     */
    Outcome invoke(Object self, Object[] args) {
        Call call = new Call(original, self);
        MethodStats stats = context.stats();
        stats.calls.increment();
        Outcome outcome;
        ReentryGuard.enter(context.id());
        // Generated code counts its backward branches; past the budget it throws our own error and fails open.
        long outerBudget = LoopBudget.begin(LoopBudget.DEFAULT_BUDGET);
        try {
            outcome = run(call, args);
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

    private Outcome run(Call call, Object[] args) {
        Object[] perceived;
        try {
            perceived = enhancement.perceive(call, args);
            if (perceived == null) {
                perceived = args;
            }
        } catch (Throwable t) {
            if (isDeliberate(t, call)) {
                return call.finishThrowing(t);
            }
            return ownFailure(call, "perceive", t);
        }
        Object result;
        try {
            call.operating(perceived);
            result = enhancement.operate(call, perceived);
        } catch (Throwable t) {
            if (call.thrownByOriginal(t) || isDeliberate(t, call)) {
                return call.finishThrowing(t);
            }
            return ownFailure(call, "operate", t);
        }
        Object enforced;
        try {
            enforced = enhancement.enforce(call, result);
        } catch (Throwable t) {
            if (isDeliberate(t, call)) {
                return call.finishThrowing(t);
            }
            return ownFailure(call, "enforce", t);
        }
        if (!fitsReturnType(enforced)) {
            return ownFailure(call, "enforce", new EnhancementError("enforce returned "
                    + (enforced == null ? "null" : enforced.getClass().getName()) + " for a method returning "
                    + context.returnType().getName()));
        }
        return call.finishReturning(enforced);
    }

    private static boolean isDeliberate(Throwable t, Call call) {
        return t instanceof DeliberateFailure && !call.thrownByOriginal(t);
    }

    private Outcome ownFailure(Call call, String phase, Throwable t) {
        context.stats().ownFailures.increment();
        report(phase, t);
        // Before the original ran, it runs now (in place); after, its own outcome stands: never twice.
        return call.originalRan() ? call.finishAsTheOriginalDid() : null;
    }

    /** Tells the reporter about our own failure in {@code phase}; never throws. */
    void report(String phase, Throwable t) {
        try {
            reporter.ownFailure(this, phase, t);
        } catch (Throwable ignored) {
            // Reporting a failure must not become one.
        }
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
