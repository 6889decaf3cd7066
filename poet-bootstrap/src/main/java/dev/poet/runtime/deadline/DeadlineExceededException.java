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
        super(message);
    }

    /**
     * The time-out for a method: an {@code IOException} ({@link DeadlineExceededIOException}) when it declares
     * one, so the caller's existing handlers catch it; else a {@code RuntimeException}.
     *
     * @param timeoutMs the deadline that expired, in milliseconds
     */
    public static Exception create(String methodKey, long timeoutMs, boolean declaresIOException) {
        String message = "POET deadline of " + timeoutMs + " ms exceeded by " + methodKey;
        return declaresIOException ? new DeadlineExceededIOException(message) : new DeadlineExceededException(message);
    }
}
