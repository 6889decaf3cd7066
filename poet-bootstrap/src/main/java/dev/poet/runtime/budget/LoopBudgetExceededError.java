package dev.poet.runtime.budget;

/**
 * Thrown by {@link LoopBudget#tick()} when a generated enhancement took more backward branches in one phase than its
 * budget allows. It is our own failure (an {@code Error}, so an application's {@code catch (Exception e)} inside
 * the original never swallows it): the dispatcher falls back to the original and counts it against the version.
 */
public final class LoopBudgetExceededError extends Error {

    private static final long serialVersionUID = 1L;

    private final long budget;

    /**
     * @param budget the budget that was exhausted, for the message and the event the engine writes
     */
    public LoopBudgetExceededError(long budget) {
        super("generated code exceeded its loop budget of " + budget + " backward branches in one phase");
        this.budget = budget;
    }

    /** The budget that was exhausted. */
    public long budget() {
        return budget;
    }
}
