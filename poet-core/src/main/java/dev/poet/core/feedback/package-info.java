/**
 * Feedback on executions: its JSON form and validation ({@link dev.poet.core.feedback.FeedbackParser}), and storing
 * it durably, joined to its execution, before anyone is told it was accepted
 * ({@link dev.poet.core.feedback.FeedbackService}).
 */
package dev.poet.core.feedback;
