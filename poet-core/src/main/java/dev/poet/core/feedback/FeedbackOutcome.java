package dev.poet.core.feedback;

import dev.poet.core.events.Event;

/** What {@link FeedbackService#submit} did with one piece of feedback. */
public sealed interface FeedbackOutcome {

    /** Stored and synced to disk; {@code event} is the {@code function.feedback} event as written. */
    record Accepted(String feedbackId, Event event) implements FeedbackOutcome {
    }

    /** No execution with this id is in the log (after flushing what was pending); nothing written. */
    record UnknownExecution(String executionId) implements FeedbackOutcome {
    }

    /** The log could not be read or written; nothing acknowledged, the submitter may retry. */
    record NotStored(String reason) implements FeedbackOutcome {
    }
}
