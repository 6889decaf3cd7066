package dev.poet.runtime.budget;

/**
 * A per-thread count of the backward branches generated code may still take in the current phase.
 *
 * <p>The dispatcher brackets each phase it runs (and any other thread that runs generated code, such as a deadline
 * worker) with {@link #begin(long)} and {@link #end(long)}:
 *
 * <pre>{@code
 * long saved = LoopBudget.begin(LoopBudget.DEFAULT_BUDGET);
 * try {
 *     perceived = enhancement.perceive(call, args);
 * } finally {
 *     LoopBudget.end(saved);
 * }
 * }</pre>
 *
 * <p>{@code begin} returns the budget left to the enclosing phase and {@code end} restores it. That matters for
 * nesting: when a phase runs the original, which calls another enhanced method, the inner phase must not refill the
 * outer one's budget, or an outer loop that calls the original on every iteration would never run out.
 *
 * <p>Once exhausted, the budget stays exhausted until the next {@code begin}: every further {@link #tick()} throws
 * again, so generated code that catches the error inside a loop still cannot keep spinning.
 *
 * <p>A thread that never called {@code begin} starts with {@link #DEFAULT_BUDGET}, so generated code is bounded
 * even if a caller forgets to bracket it; the dispatcher should not rely on that, since such a budget is never
 * refilled.
 */
public final class LoopBudget {

    /** The budget of one phase unless configured otherwise: one million backward branches. */
    public static final long DEFAULT_BUDGET = 1_000_000L;

    /** The owner, name and descriptor of {@link #tick()}, as the injector emits the call. */
    public static final String TICK_OWNER = "dev/poet/runtime/budget/LoopBudget";

    /** Name of the method the injector calls; see {@link #TICK_OWNER}. */
    public static final String TICK_NAME = "tick";

    /** Descriptor of the method the injector calls; see {@link #TICK_OWNER}. */
    public static final String TICK_DESCRIPTOR = "()V";

    private static final ThreadLocal<Counter> COUNTER = new ThreadLocal<Counter>() {
        @Override
        protected Counter initialValue() {
            return new Counter(DEFAULT_BUDGET);
        }
    };

    private LoopBudget() {
    }

    /**
     * Starts a phase on this thread with {@code budget} backward branches.
     *
     * @param budget the number of backward branches allowed; zero or less makes the first one fail
     * @return what was left of the enclosing phase's budget, to hand to {@link #end(long)}
     */
    public static long begin(long budget) {
        Counter counter = COUNTER.get();
        long saved = counter.remaining;
        counter.remaining = budget;
        counter.budget = budget;
        return saved;
    }

    /** Starts a phase on this thread with {@link #DEFAULT_BUDGET}; see {@link #begin(long)}. */
    public static long begin() {
        return begin(DEFAULT_BUDGET);
    }

    /**
     * Ends the phase started by the {@link #begin(long)} that returned {@code saved}, giving the enclosing phase back
     * what it had left.
     */
    public static void end(long saved) {
        Counter counter = COUNTER.get();
        counter.remaining = saved;
        // The budget only feeds the error message; the enclosing phase's is unknown here, and close enough.
    }

    /** Refills this thread's budget to {@link #DEFAULT_BUDGET} without remembering the old one. */
    public static void reset() {
        begin(DEFAULT_BUDGET);
    }

    /** What is left of this thread's budget; negative once exhausted. */
    public static long remaining() {
        return COUNTER.get().remaining;
    }

    /**
     * Counts one backward branch. Called only by injected bytecode.
     *
     * @throws LoopBudgetExceededError when the budget is exhausted (and on every later call until the next
     *                                 {@link #begin(long)})
     */
    public static void tick() {
        Counter counter = COUNTER.get();
        if (--counter.remaining < 0) {
            // Stay negative without wrapping around, however long a caller keeps catching and looping.
            counter.remaining = -1;
            throw new LoopBudgetExceededError(counter.budget);
        }
    }

    /** Mutable per-thread state; one object so a tick is one thread-local lookup. */
    private static final class Counter {
        long remaining;
        long budget;

        Counter(long budget) {
            this.remaining = budget;
            this.budget = budget;
        }
    }
}
