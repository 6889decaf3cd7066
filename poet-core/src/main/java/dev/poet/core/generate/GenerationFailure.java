package dev.poet.core.generate;

/** A generator produced no acceptable source; the message is one line for the log and the event. */
public final class GenerationFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public GenerationFailure(String message) {
        super(message);
    }

    public GenerationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
