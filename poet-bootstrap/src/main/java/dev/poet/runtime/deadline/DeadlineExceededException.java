package dev.poet.runtime.deadline;

import dev.poet.runtime.DeliberateFailure;

/**
 * Thrown on purpose when an enforced deadline expires, for methods that do not declare {@code IOException}
 * (those get {@link DeadlineExceededIOException}). Use {@link #create} to get the right one.
 */
public final class DeadlineExceededException extends RuntimeException implements DeliberateFailure {

    private static final long serialVersionUID = 1L;

    /** @param message names the method and the deadline */
    public DeadlineExceededException(String message) {
        this(message, null);
    }

    /** @param origin the deadline that expired (see {@link Deadline#expired(Throwable)}), or {@code null} */
    DeadlineExceededException(String message, Deadline origin) {
        super(message);
        this.origin = origin;
    }

    /** Not serialised: only meaningful within the run that threw it. */
    private final transient Deadline origin;

    Deadline origin() {
        return origin;
    }

    /**
     * The time-out for a method: an {@code IOException} ({@link DeadlineExceededIOException}) when it declares
     * one, so the caller's existing handlers catch it; else a {@code RuntimeException}.
     *
     * @param timeoutMs the deadline that expired, in milliseconds
     */
    public static Exception create(String methodKey, long timeoutMs, boolean declaresIOException) {
        return create(methodKey, timeoutMs, declaresIOException, null);
    }

    static Exception create(String methodKey, long timeoutMs, boolean declaresIOException, Deadline origin) {
        String message = "POET deadline of " + timeoutMs + " ms exceeded by " + methodKey;
        return declaresIOException ? new DeadlineExceededIOException(message, origin)
                : new DeadlineExceededException(message, origin);
    }
}
