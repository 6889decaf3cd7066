package dev.poet.bridge;

/**
 * The enhanced call running on this thread, for the facade ({@code dev.poet.api}) and for linking phase decisions
 * to their execution. The dispatcher makes a call current around its Perceive, Operate′ and Enforce, and
 * {@link Call#proceed(Object[])} around each run of the original, so the original body sees its call also when it
 * runs on a deadline worker thread. Restored, never just cleared, so nested enhanced methods see their own call.
 *
 * <p>Kept in the same per-thread object as the re-entry guard: an enhanced call costs one thread-local look-up
 * for both.
 */
public final class CurrentExecution {

    private CurrentExecution() {
    }

    /** Makes {@code call} current on this thread; returns the one it replaces, to hand to {@link #restore}. */
    public static Call enter(Call call) {
        ThreadState state = ThreadState.get();
        Call previous = state.call;
        state.call = call;
        return previous;
    }

    /** Puts back what {@link #enter} returned. */
    public static void restore(Call previous) {
        ThreadState.get().call = previous;
    }

    /** The enhanced call running on this thread, or {@code null}. */
    public static Call call() {
        return ThreadState.get().call;
    }

    /**
     * The execution id of the enhanced call running on this thread, or {@code null} outside one. Asking marks the
     * execution as exposed: its event is then always written.
     */
    public static String id() {
        Call c = ThreadState.get().call;
        return c == null ? null : c.executionId();
    }
}
