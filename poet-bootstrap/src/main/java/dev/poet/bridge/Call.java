package dev.poet.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.runtime.Attempt;

/**
 * One enhanced call in progress. Generated code receives it in every phase and runs the original through
 * {@link #proceed(Object[])}; the dispatcher reads back what the original did, so that our own failures never
 * change the application's outcome.
 *
 * <p>A call holds what it needs and nothing more: the method's {@link Original} (its context and the exact
 * handle), the receiver, and what the original did so far. It is also what it hands back: when the call finishes
 * it is the {@link Outcome} the entry hook reads, and {@link #attempt(Object[])} returns the call itself as the
 * phase runtime's unit of work, so the common call allocates this one object.
 *
 * <p>{@code proceed} may run on another thread (an enforced deadline), hence the volatile fields. The
 * {@link Outcome} fields are written only by the dispatching thread when the call finishes; what the original did
 * is kept apart ({@code lastResult}, {@code lastThrown}), so an abandoned attempt that completes later on another
 * thread cannot change an outcome already handed back.
 */
public final class Call extends Outcome implements Attempt {

    private static final int MAX_REMEMBERED_FAILURES = 4;
    /** {@link #state}: the flags in the low bits, the attempts above. */
    private static final int ATTEMPT_SHIFT = 16;
    private static final int FLAG_MASK = (1 << ATTEMPT_SHIFT) - 1;
    private static final VarHandle STATE;
    private static final VarHandle LAST_RESULT;
    private static final VarHandle LAST_THROWN;
    private static final VarHandle THROWN_BY_ORIGINAL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Call.class, "state", int.class);
            LAST_RESULT = lookup.findVarHandle(Call.class, "lastResult", Object.class);
            LAST_THROWN = lookup.findVarHandle(Call.class, "lastThrown", Throwable.class);
            THROWN_BY_ORIGINAL = lookup.findVarHandle(Call.class, "thrownByOriginal", Throwable[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Original original;
    private Object self;
    /** The arguments Operate′ receives; {@link #attempt(Object[])} with this array needs no new object. */
    private Object[] operateArgs;
    /** This run's execution number ({@link ExecutionIds}). */
    private long execution;
    /** Set when the call's work went to another thread ({@link dev.poet.runtime.deadline.HandOffs}): never recycled. */
    private volatile boolean handedOff;
    /**
     * {@link ExecutionFlags} bits (low 16) and the attempts so far (above); written on the threads the call runs
     * on, atomically, so a flag noted while an attempt runs elsewhere is never lost.
     */
    private volatile int state;
    private volatile Object lastResult;
    /** {@code null} when the last run of the original returned (or none ran). */
    private volatile Throwable lastThrown;
    /**
     * The original's failures in this call, up to {@value #MAX_REMEMBERED_FAILURES}; copied on write, so a reader
     * takes no lock. {@code null} until the original first fails: most calls never need it.
     */
    private volatile Throwable[] thrownByOriginal;

    Call(Original original, Object self, long execution) {
        this.original = original;
        this.self = self;
        this.execution = execution;
    }

    /** Makes a released call a new one (the thread's spare, see {@link ThreadState#newCall}). */
    void reuse(Original original, Object self, long execution) {
        this.original = original;
        this.self = self;
        this.execution = execution;
        // Release stores, not volatile ones: until a hand-off (which publishes the call through the executor's
        // queue) only this thread sees the call, and a full fence per field would cost more than the allocation.
        STATE.setRelease(this, 0);
        this.value = null;
        this.thrown = null;
    }

    /**
     * Drops what the finished call refers to, except its outcome, which the entry hook reads after the call has
     * been released (cleared on reuse).
     */
    void release() {
        self = null;
        operateArgs = null;
        LAST_RESULT.setRelease(this, (Object) null);
        LAST_THROWN.setRelease(this, (Throwable) null);
        THROWN_BY_ORIGINAL.setRelease(this, (Throwable[]) null);
    }

    /** Notes that this call's work went to another thread, which may reach it after it returned. */
    void handOff() {
        handedOff = true;
    }

    /** Whether {@link #handOff()} happened. */
    boolean handedOff() {
        return handedOff;
    }

    /**
     * A call for verifying an enhancement before it is activated (the engine's verification step runs Perceive
     * and Enforce on sample arguments). Its phases see {@code context}, {@code self} and {@code args} as in a
     * real call, but {@link #proceed(Object[])} never runs anything: it throws an {@link EnhancementError}
     * "proceed is not available during verification". Not used on the dispatch path.
     *
     * @param self the receiver, or {@code null} (verification usually has none)
     * @param args the sample arguments, as Operate′ would receive them
     */
    public static Call forVerification(MethodContext context, Object self, Object[] args) {
        Call call = new Call(Original.unavailable(context), self, ExecutionIds.next());
        call.operateArgs = args;
        return call;
    }

    /** What the enhancement knows about its method. */
    public MethodContext context() {
        return original.context;
    }

    /** The receiver, or {@code null} for a static method. */
    public Object self() {
        return self;
    }

    /**
     * This execution's id, unique across JVM runs and instances ({@link ExecutionIds}), for events and feedback
     * correlation; an equal string every time it is asked for in this call. Asking marks the execution as
     * {@linkplain ExecutionFlags#ID_EXPOSED exposed}: someone may send feedback for it, so its event is always
     * written.
     */
    public String executionId() {
        STATE.getAndBitwiseOr(this, ExecutionFlags.ID_EXPOSED);
        return ExecutionIds.format(execution);
    }

    /** The execution number, for the recorder: reading it does not mark the id exposed. */
    long executionNumber() {
        return execution;
    }

    /** Notes what happened in this call ({@link ExecutionFlags} bits, at most the low 16); engine only. */
    public void note(int flag) {
        STATE.getAndBitwiseOr(this, flag & FLAG_MASK);
    }

    /** The {@link ExecutionFlags} bits noted so far. */
    public int flags() {
        return state & FLAG_MASK;
    }

    /** How many times the original ran so far in this call. */
    public int attempts() {
        return state >>> ATTEMPT_SHIFT;
    }

    /** Whether the original has run at least once. */
    public boolean originalRan() {
        return attempts() > 0;
    }

    /**
     * Runs the original body once with {@code args} and returns its result (boxed; {@code null} for void), or
     * throws exactly what it threw. The arguments are checked against the signature first, so that a mistake of
     * the enhancement is never mistaken for a failure of the original.
     */
    public Object proceed(Object[] args) throws Throwable {
        Original o = original;
        o.checkArguments(args);
        int id = o.context.id();
        ThreadState thread = ThreadState.get();
        thread.push(id);
        // On a deadline worker this is what makes the body see its call as current.
        Call previous = thread.call;
        thread.call = this;
        STATE.getAndAdd(this, 1 << ATTEMPT_SHIFT);
        try {
            Object result = o.handle.invokeExact(self, args);
            lastResult = result;
            lastThrown = null;
            return result;
        } catch (Throwable t) {
            lastThrown = t;
            remember(t);
            throw t;
        } finally {
            thread.call = previous;
            thread.pop(id);
        }
    }

    /**
     * The original run with {@code args}, as the phase runtime's unit of work: what Operate′ hands to a retry, a
     * breaker or a deadline. Running it is {@link #proceed(Object[])}. For the arguments Operate′ received (the
     * usual case) it is this call itself, so it costs no allocation.
     */
    public Attempt attempt(final Object[] args) {
        if (args == operateArgs && args != null) {
            return this;
        }
        return new Attempt() {
            @Override
            public Object run() throws Throwable {
                return proceed(args);
            }
        };
    }

    /**
     * This call as an {@link Attempt} of the arguments Operate′ received; reached through
     * {@link #attempt(Object[])} (generated code may not call it by name).
     */
    @Override
    public Object run() throws Throwable {
        return proceed(operateArgs);
    }

    /** Whether {@code t} is an exception the original threw during this call. */
    public boolean thrownByOriginal(Throwable t) {
        return t != null && (t == lastThrown || contains(thrownByOriginal, t));
    }

    /** Records the arguments Operate′ is about to receive. */
    void operating(Object[] args) {
        operateArgs = args;
    }

    /** Finishes the call with a value for the caller; returns it as the outcome. */
    Outcome finishReturning(Object result) {
        value = result;
        thrown = null;
        return this;
    }

    /** Finishes the call with a throwable for the caller; returns it as the outcome. */
    Outcome finishThrowing(Throwable t) {
        value = null;
        thrown = t;
        return this;
    }

    /** Finishes the call with what the last run of the original did; only meaningful when {@link #originalRan()}. */
    Outcome finishAsTheOriginalDid() {
        Throwable t = lastThrown;
        return t != null ? finishThrowing(t) : finishReturning(lastResult);
    }

    // Small enough to be inlined even where it is cold, so that the call never reaches a compiled method it is not
    // part of: that is what lets escape analysis remove the call object altogether.
    private void remember(Throwable t) {
        synchronized (this) {
            thrownByOriginal = remembered(thrownByOriginal, t);
        }
    }

    /** {@code known} with {@code t} added, as a new array (readers take no lock); the last entry is replaced when full. */
    private static Throwable[] remembered(Throwable[] known, Throwable t) {
        int n = known == null ? 0 : known.length;
        Throwable[] next = new Throwable[Math.min(n + 1, MAX_REMEMBERED_FAILURES)];
        if (n > 0) {
            System.arraycopy(known, 0, next, 0, Math.min(n, next.length));
        }
        next[Math.min(n, next.length - 1)] = t;
        return next;
    }

    private static boolean contains(Throwable[] known, Throwable t) {
        if (known != null) {
            for (Throwable k : known) {
                if (k == t) {
                    return true;
                }
            }
        }
        return false;
    }
}
