package dev.poet.bridge;

/**
 * The enhanced call running on this thread, for the facade ({@code dev.poet.api}) and for linking phase decisions
 * to their execution. Set by the dispatcher around each enhanced call and by the deadline executor on its
 * worker thread; restored, never just cleared, so nested enhanced methods see their own call.
 */
public final class CurrentExecution {

    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

    private CurrentExecution() {
    }

    /** Makes {@code call} current on this thread; returns the one it replaces, to hand to {@link #restore}. */
    public static Call enter(Call call) {
        Call previous = CURRENT.get();
        CURRENT.set(call);
        return previous;
    }

    /** Puts back what {@link #enter} returned. */
    public static void restore(Call previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** The enhanced call running on this thread, or {@code null}. */
    public static Call call() {
        return CURRENT.get();
    }

    /** The execution id of the enhanced call running on this thread, or {@code null} outside one. */
    public static String id() {
        Call c = CURRENT.get();
        return c == null ? null : c.executionId();
    }
}
