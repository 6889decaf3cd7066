package dev.poet.api;

/**
 * What became of feedback submitted with {@link PoetFeedback#submit}. Only {@link Status#ACCEPTED} means it was
 * stored (durably, before this result was returned).
 */
public final class FeedbackResult {

    /** The outcome of a submission. */
    public enum Status {
        /** Stored durably; {@link #feedbackId()} names it. */
        ACCEPTED,
        /** The application runs without the POET agent (or the agent accepts no feedback): nothing was done. */
        NO_AGENT,
        /** No execution with that id was recorded, in this run or an earlier one; nothing stored. */
        UNKNOWN_EXECUTION,
        /** The feedback was malformed; {@link #message()} says what was wrong; nothing stored. */
        INVALID,
        /** The agent could not store it (for example the disk is full); nothing stored, it may be submitted again. */
        FAILED
    }

    private final Status status;
    private final String feedbackId;
    private final String message;

    private FeedbackResult(Status status, String feedbackId, String message) {
        this.status = status;
        this.feedbackId = feedbackId;
        this.message = message;
    }

    static FeedbackResult accepted(String feedbackId) {
        return new FeedbackResult(Status.ACCEPTED, feedbackId, "accepted");
    }

    static FeedbackResult of(Status status, String message) {
        return new FeedbackResult(status, null, message);
    }

    public Status status() {
        return status;
    }

    /** Whether the feedback was stored. */
    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** The stored feedback's id when {@link #accepted()}, otherwise {@code null}. */
    public String feedbackId() {
        return feedbackId;
    }

    /** A sentence saying what happened, naming the offending field when the feedback was invalid. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return feedbackId == null ? status + ": " + message : status + " " + feedbackId;
    }
}
