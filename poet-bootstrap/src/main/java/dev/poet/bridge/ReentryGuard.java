package dev.poet.bridge;

/**
 * Remembers, per thread, which methods are inside their enhancement, so that the re-invocation of the original
 * (and any recursion below it) runs the original body: only the outermost call of a method is enhanced, and a
 * recursive method costs a constant number of extra frames whatever its depth.
 *
 * <p>A small stack of method ids per thread; nesting is shallow in practice, so a linear scan is cheapest.
 */
public final class ReentryGuard {

    private static final ThreadLocal<Frames> FRAMES = ThreadLocal.withInitial(Frames::new);

    private ReentryGuard() {
    }

    /** Whether {@code methodId} is inside its enhancement on this thread. */
    public static boolean isActive(int methodId) {
        return FRAMES.get().contains(methodId);
    }

    /** Marks {@code methodId} as inside its enhancement on this thread; pair with {@link #exit(int)}. */
    public static void enter(int methodId) {
        FRAMES.get().push(methodId);
    }

    /** Undoes the matching {@link #enter(int)}. */
    public static void exit(int methodId) {
        FRAMES.get().pop(methodId);
    }

    private static final class Frames {
        private int[] ids = new int[8];
        private int size;

        boolean contains(int id) {
            for (int i = size - 1; i >= 0; i--) {
                if (ids[i] == id) {
                    return true;
                }
            }
            return false;
        }

        void push(int id) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        void pop(int id) {
            // Frames are released in LIFO order; tolerate a mismatch rather than corrupt the stack.
            for (int i = size - 1; i >= 0; i--) {
                if (ids[i] == id) {
                    System.arraycopy(ids, i + 1, ids, i, size - i - 1);
                    size--;
                    return;
                }
            }
        }
    }
}
