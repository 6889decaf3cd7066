package dev.poet.bridge;

import java.util.Arrays;

/**
 * Everything the bridge keeps per thread, behind one {@link ThreadLocal}: the methods inside their enhancement
 * (the re-entry guard), the enhanced call that is current, this thread's block of execution numbers, and the
 * cause of a fallback waiting to be recorded. One look-up per enhanced call serves all of them.
 *
 * <p>Confined to its thread: no field needs to be volatile.
 */
final class ThreadState {

    private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);

    /** How many execution numbers a thread takes from the shared counter at once. */
    static final int ID_BLOCK = 1024;

    private int[] ids = new int[8];
    private int size;
    /** The enhanced call running on this thread, or {@code null}. */
    Call call;
    /** Our own failure that made the current call fall back, until the call is recorded. */
    Throwable fallbackCause;
    private long nextExecution;
    private long endExecution;
    /** When this thread last read its CPU time around a measured call (coarse clock milliseconds). */
    long cpuSampledAtMillis = Long.MIN_VALUE / 2;

    static ThreadState get() {
        return STATE.get();
    }

    /** The next execution number of this run, from this thread's block. */
    long nextExecution() {
        if (nextExecution == endExecution) {
            long start = ExecutionIds.takeBlock(ID_BLOCK);
            nextExecution = start;
            endExecution = start + ID_BLOCK;
        }
        return nextExecution++;
    }

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
            ids = Arrays.copyOf(ids, size * 2);
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
