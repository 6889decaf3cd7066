package dev.poet.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import dev.poet.runtime.Attempt;

/**
 * One enhanced call in progress. Generated code receives it in every phase and runs the original through
 * {@link #proceed(Object[])}; the dispatcher reads back what the original did, so that our own failures never
 * change the application's outcome.
 *
 * <p>{@code proceed} may run on another thread (an enforced deadline), hence the volatile fields.
 */
public final class Call {

    private static final int MAX_REMEMBERED_FAILURES = 4;

    private final ActiveMethod method;
    private final Object self;
    private final Object[] originalArgs;
    private final long executionId;
    private volatile int attempts;
    private volatile boolean returned;
    private volatile Object lastResult;
    private volatile Throwable lastThrown;
    /** Allocated on the first failure of the original only: most calls never need it. */
    private Throwable[] thrownByOriginal;

    Call(ActiveMethod method, Object self, Object[] originalArgs, long executionId) {
        this.method = method;
        this.self = self;
        this.originalArgs = originalArgs;
        this.executionId = executionId;
    }

    /** The original of a verification call: refuses to run, see {@link #forVerification}. */
    private static final MethodHandle UNAVAILABLE;

    static {
        try {
            UNAVAILABLE = MethodHandles.lookup().findStatic(Call.class, "unavailable",
                    MethodType.methodType(Object.class, Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A call for verifying an enhancement before it is activated (the engine's verification step runs Perceive
     * and Enforce on sample arguments). Its phases see {@code context}, {@code self} and {@code args} as in a
     * real call, but {@link #proceed(Object[])} never runs anything: it throws an {@link EnhancementError}
     * "proceed is not available during verification". Not used on the dispatch path.
     *
     * @param self the receiver, or {@code null} (verification usually has none)
     * @param args the sample arguments, as {@link #originalArgs()} would hold them
     */
    public static Call forVerification(MethodContext context, Object self, Object[] args) {
        return new Call(new ActiveMethod(context, null, UNAVAILABLE, "verification"), self, args, ExecutionIds.next());
    }

    private static Object unavailable(Object self, Object[] args) {
        throw new EnhancementError("proceed is not available during verification");
    }

    /** What the enhancement knows about its method. */
    public MethodContext context() {
        return method.context();
    }

    /** The receiver, or {@code null} for a static method. */
    public Object self() {
        return self;
    }

    /** A cheap id of this execution, unique within the JVM run, for events and feedback correlation. */
    public long executionId() {
        return executionId;
    }

    /** How many times the original ran so far in this call. */
    public int attempts() {
        return attempts;
    }

    /** Whether the original has run at least once. */
    public boolean originalRan() {
        return attempts > 0;
    }

    /**
     * Runs the original body once with {@code args} and returns its result (boxed; {@code null} for void), or
     * throws exactly what it threw. The arguments are checked against the signature first, so that a mistake of
     * the enhancement is never mistaken for a failure of the original.
     */
    public Object proceed(Object[] args) throws Throwable {
        checkArguments(args);
        MethodHandle original = method.original();
        int id = method.context().id();
        ReentryGuard.enter(id);
        attempts++;
        try {
            Object result = original.invokeExact(self, args);
            lastResult = result;
            lastThrown = null;
            returned = true;
            return result;
        } catch (Throwable t) {
            lastThrown = t;
            returned = false;
            remember(t);
            throw t;
        } finally {
            ReentryGuard.exit(id);
        }
    }

    /**
     * The original run with {@code args}, as the phase runtime's unit of work: what Operate′ hands to a retry, a
     * breaker or a deadline. Running it is {@link #proceed(Object[])}.
     */
    public Attempt attempt(final Object[] args) {
        return new Attempt() {
            @Override
            public Object run() throws Throwable {
                return proceed(args);
            }
        };
    }

    /** Whether {@code t} is an exception the original threw during this call. */
    public boolean thrownByOriginal(Throwable t) {
        if (t == null) {
            return false;
        }
        if (t == lastThrown) {
            return true;
        }
        synchronized (this) {
            if (thrownByOriginal != null) {
                for (Throwable known : thrownByOriginal) {
                    if (known == t) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The outcome of the last run of the original; only meaningful when {@link #originalRan()}. */
    Outcome lastOriginalOutcome() {
        Throwable t = lastThrown;
        if (!returned && t != null) {
            return Outcome.throwing(t);
        }
        return Outcome.returning(lastResult);
    }

    Object[] originalArgs() {
        return originalArgs;
    }

    private void remember(Throwable t) {
        synchronized (this) {
            if (thrownByOriginal == null) {
                thrownByOriginal = new Throwable[MAX_REMEMBERED_FAILURES];
            }
            for (int i = 0; i < thrownByOriginal.length; i++) {
                if (thrownByOriginal[i] == null || i == thrownByOriginal.length - 1) {
                    thrownByOriginal[i] = t;
                    return;
                }
            }
        }
    }

    private void checkArguments(Object[] args) {
        MethodContext ctx = method.context();
        int n = ctx.parameterCount();
        if (args == null || args.length != n) {
            throw new EnhancementError("proceed() got " + (args == null ? "no" : String.valueOf(args.length))
                    + " arguments, " + ctx.methodName() + " takes " + n);
        }
        for (int i = 0; i < n; i++) {
            Class<?> type = method.boxedParameterType(i);
            Object arg = args[i];
            if (arg == null ? ctx.parameterType(i).isPrimitive() : !type.isInstance(arg)) {
                throw new EnhancementError("proceed() argument " + i + " (" + ctx.parameterName(i) + ") is "
                        + (arg == null ? "null" : arg.getClass().getName()) + ", expected "
                        + ctx.parameterType(i).getName());
            }
        }
    }
}
