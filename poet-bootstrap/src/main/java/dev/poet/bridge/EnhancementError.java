package dev.poet.bridge;

/**
 * A failure of POET itself inside an enhanced call (a broken enhancement, an exhausted loop budget). It never
 * reaches the application: the dispatcher catches it and falls back to the original.
 */
public class EnhancementError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EnhancementError(String message) {
        super(message);
    }

    public EnhancementError(String message, Throwable cause) {
        super(message, cause);
    }
}
