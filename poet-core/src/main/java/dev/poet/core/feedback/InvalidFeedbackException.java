package dev.poet.core.feedback;

/** Feedback that cannot be stored as given; the message names the field and what was expected. */
public final class InvalidFeedbackException extends Exception {

    private final String field;
    private final boolean syntax;

    private InvalidFeedbackException(String field, boolean syntax, String message) {
        super(message);
        this.field = field;
        this.syntax = syntax;
    }

    /** A field that is missing, of the wrong type or out of bounds. */
    public static InvalidFeedbackException field(String field, String message) {
        return new InvalidFeedbackException(field, false, message);
    }

    /** A body that is not one JSON object. */
    public static InvalidFeedbackException syntax(String message) {
        return new InvalidFeedbackException(null, true, message);
    }

    /** The offending field, or {@code null} when the document as a whole was wrong. */
    public String field() {
        return field;
    }

    /** Whether the body was not JSON (or not one object) at all, rather than JSON with a wrong field. */
    public boolean isSyntax() {
        return syntax;
    }
}
