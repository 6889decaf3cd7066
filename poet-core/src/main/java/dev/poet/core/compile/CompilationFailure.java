package dev.poet.core.compile;

/** Generated source that Janino could not compile; the message is Janino's, with line and column. */
public final class CompilationFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public CompilationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
