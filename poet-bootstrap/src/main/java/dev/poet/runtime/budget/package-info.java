/**
 * The loop budget: the counter that injected bytecode calls at every backward branch of a generated enhancement.
 *
 * <p>A watchdog cannot stop a spinning thread on current JDKs, so generated classes get a call to
 * {@link dev.poet.runtime.budget.LoopBudget#tick()} injected before they are defined; past the budget it throws
 * {@link dev.poet.runtime.budget.LoopBudgetExceededError}, on which the dispatcher fails open. Like the whole
 * phase runtime it depends on the JDK only, and not on the bridge that dispatches to it.
 */
package dev.poet.runtime.budget;
