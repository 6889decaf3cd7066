package dev.poet.bridge;

/**
 * Remembers, per thread, which methods are inside their enhancement, so that the re-invocation of the original
 * (and any recursion below it) runs the original body: only the outermost call of a method is enhanced, and a
 * recursive method costs a constant number of extra frames whatever its depth.
 *
 * <p>A small stack of method ids per thread ({@link ThreadState}, shared with the current execution); nesting is
 * shallow in practice, so a linear scan is cheapest.
 */
public final class ReentryGuard {

    private ReentryGuard() {
    }

    /** Whether {@code methodId} is inside its enhancement on this thread. */
    public static boolean isActive(int methodId) {
        return ThreadState.get().contains(methodId);
    }

    /** Marks {@code methodId} as inside its enhancement on this thread; pair with {@link #exit(int)}. */
    public static void enter(int methodId) {
        ThreadState.get().push(methodId);
    }

    /** Undoes the matching {@link #enter(int)}. */
    public static void exit(int methodId) {
        ThreadState.get().pop(methodId);
    }
}
