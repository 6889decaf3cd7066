/**
 * The loop budget: the counter that injected bytecode calls at every backward branch of a generated enhancement.
 *
 * <p>A watchdog cannot stop a spinning thread on current JDKs, so generated classes get a call to
 * {@link dev.poet.runtime.budget.LoopBudget#tick()} injected before they are defined; past the budget it throws
 * {@link dev.poet.runtime.budget.LoopBudgetExceededError}, an {@link dev.poet.bridge.EnhancementError}, on which the
 * dispatcher fails open. This package goes onto the bootstrap class path, so it depends on the JDK and
 * {@code dev.poet.bridge.EnhancementError} only.
 */
package dev.poet.runtime.budget;
