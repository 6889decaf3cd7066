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
    /**
     * A finished call kept for this thread's next enhanced call, or {@code null} (none yet, or it is in use: a
     * nested enhanced call then gets a new one). Recycled so that the common call allocates no call object.
     */
    private Call spareCall;
    /**
     * This thread's argument array of each length, lent to one enhanced call at a time ({@link #lent}); an entry
     * is {@code null} until first needed or after its call handed it to another thread.
     */
    private final Object[][] argumentArrays = new Object[MAX_SPARE_ARITY + 1][];
    private final boolean[] lent = new boolean[MAX_SPARE_ARITY + 1];

    /** Methods with more parameters than this get a new argument array on every call. */
    static final int MAX_SPARE_ARITY = 8;

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

    static {
        // Before any call can be recycled: a deadline's hand-off marks the call it takes away.
        dev.poet.runtime.deadline.HandOffs.listen(ThreadState::handingOff);
    }

    private static void handingOff() {
        Call current = get().call;
        if (current != null) {
            current.handOff();
        }
    }

    /**
     * An array of {@code length} for the arguments of an enhanced call about to be dispatched on this thread:
     * this thread's own one when it is free, else (a nested call, a long parameter list) a new one.
     */
    Object[] arguments(int length) {
        if (length <= MAX_SPARE_ARITY && !lent[length]) {
            Object[] own = argumentArrays[length];
            if (own == null) {
                own = new Object[length];
                argumentArrays[length] = own;
            }
            lent[length] = true;
            return own;
        }
        return new Object[length];
    }

    /**
     * Ends the loan of {@code args} when it is this thread's own array: cleared (it keeps no argument alive) and
     * free for the next call, or, when {@code kept} (another thread or the engine may still read it), forgotten.
     * Any other array is left alone.
     */
    void returnArguments(Object[] args, boolean kept) {
        int length = args.length;
        if (length <= MAX_SPARE_ARITY && argumentArrays[length] == args) {
            if (kept) {
                argumentArrays[length] = null;
            } else {
                for (int i = 0; i < length; i++) {
                    args[i] = null;
                }
            }
            lent[length] = false;
        }
    }

    /** A call of {@code original} on {@code self} with the next execution number: the spare one when free. */
    Call newCall(Original original, Object self) {
        long execution = nextExecution();
        Call spare = spareCall;
        if (spare != null) {
            spareCall = null;
            spare.reuse(original, self, execution);
            return spare;
        }
        return new Call(original, self, execution);
    }

    /**
     * Takes back a finished call for reuse unless another thread may still reach it ({@link Call#handedOff()}).
     * Its outcome stays readable until this thread's next enhanced call, which is after the entry hook read it.
     */
    void releaseCall(Call call) {
        if (spareCall == null && !call.handedOff()) {
            call.release();
            spareCall = call;
        }
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
