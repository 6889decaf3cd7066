/**
 * Deadlines: {@link dev.poet.runtime.deadline.Deadline} enforced on a shared daemon worker pool
 * ({@link dev.poet.runtime.deadline.DeadlineExecutor}) or only recorded.
 */
package dev.poet.runtime.deadline;
