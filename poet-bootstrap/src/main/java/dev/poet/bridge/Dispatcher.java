package dev.poet.bridge;

/**
 * The entry point the inlined advice calls when a method's slot is not empty. Never throws: whatever goes wrong
 * on our side, the answer is "run the original" ({@code null}).
 */
public final class Dispatcher {

    private static volatile BridgeHooks hooks;

    private Dispatcher() {
    }

    /** Installs the engine's hooks; called once by the agent before any slot is set. */
    public static void install(BridgeHooks engineHooks) {
        hooks = engineHooks;
    }

    /** The installed hooks, or {@code null}. */
    public static BridgeHooks hooks() {
        return hooks;
    }

    /**
     * Whether method {@code id} is inside its own enhancement on this thread: then the call is the original's
     * re-invocation (or recursion below it) and runs the body. Never throws.
     */
    public static boolean reentered(int id) {
        try {
            return ReentryGuard.isActive(id);
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Runs one call of method {@code id} through its enhancement.
     *
     * @param slot the slot's content as the advice read it (not {@code null})
     * @param declaringType the class that declares the method (a constant in the advice)
     * @param self the receiver, {@code null} for static methods
     * @param args the arguments, boxed, in a fresh array or one from {@link #arguments(int)} (then taken back
     *             when the call is over)
     * @return {@code null} to run the original body in place, else what the caller receives; read it before this
     *         thread dispatches another call (the call object is recycled)
     */
    public static Outcome dispatch(Object slot, int id, Class<?> declaringType, Object self, Object[] args) {
        if (reentered(id)) {
            return null;
        }
        return dispatchOutermost(slot, id, declaringType, self, args);
    }

    /**
     * {@link #dispatch} for a caller that has just checked {@link #reentered(int)} itself (the inlined advice):
     * the per-thread guard is read once per call, not twice.
     */
    public static Outcome dispatchOutermost(Object slot, int id, Class<?> declaringType, Object self, Object[] args) {
        BridgeHooks h = hooks;
        // Whether this method still has to end the loan of args (the active method does it itself).
        boolean lent = true;
        boolean kept = false;
        try {
            if (slot == Slots.UNDISCOVERED) {
                if (h == null) {
                    return null;
                }
                slot = h.discovered(id, declaringType);
                if (slot == null) {
                    return null;
                }
            }
            ActiveMethod method;
            if (slot instanceof ActiveMethod) {
                method = (ActiveMethod) slot;
            } else if (slot instanceof PendingActivation && h != null) {
                method = h.awaitActivation(id, (PendingActivation) slot);
                if (method == null) {
                    // Activation may have left the method recording: this call is a sample too.
                    kept = record(Slots.SLOTS.get(id), id, args, h);
                    return null;
                }
            } else {
                kept = record(slot, id, args, h);
                return null;
            }
            lent = false;
            return method.dispatched(self, args);
        } catch (Throwable ours) {
            // invoke() returns the original's own failures as outcomes; anything thrown here is ours.
            if (slot instanceof ActiveMethod) {
                ((ActiveMethod) slot).report("dispatch", ours);
            }
            return null;
        } finally {
            if (lent) {
                returnArguments(args, kept);
            }
        }
    }

    /**
     * The array the entry hook boxes a call's arguments into before {@link #dispatchOutermost}: the thread's own
     * one of that length when it is free, so that the common call allocates no array. Never throws.
     */
    public static Object[] arguments(int length) {
        try {
            return ThreadState.get().arguments(length);
        } catch (Throwable t) {
            return new Object[length];
        }
    }

    private static void returnArguments(Object[] args, boolean kept) {
        try {
            if (args != null) {
                ThreadState.get().returnArguments(args, kept);
            }
        } catch (Throwable ignored) {
            // The array is then simply not reused.
        }
    }

    /**
     * Hands the arguments of a call to the engine when the method is recording and this call has a turn; returns
     * whether the engine got them (it may keep them).
     */
    private static boolean record(Object slot, int id, Object[] args, BridgeHooks h) {
        if (slot instanceof Recording && h != null && ((Recording) slot).claim()) {
            try {
                h.recorded(id, args);
            } catch (Throwable ignored) {
                // A sample lost; the original runs as it would have.
            }
            return true;
        }
        return false;
    }
}
