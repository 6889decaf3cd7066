package dev.poet.runtime.deadline;

import dev.poet.runtime.DeliberateFailure;

import java.io.IOException;

/**
 * Thrown on purpose when an enforced deadline expires in a method that declares {@code IOException}, so the
 * caller's existing I/O handling takes it.
 */
public final class DeadlineExceededIOException extends IOException implements DeliberateFailure {

    private static final long serialVersionUID = 1L;

    /** @param message names the method and the deadline */
    public DeadlineExceededIOException(String message) {
        this(message, null);
    }

    /** @param origin the deadline that expired (see {@link Deadline#expired(Throwable)}), or {@code null} */
    DeadlineExceededIOException(String message, Deadline origin) {
        super(message);
        this.origin = origin;
    }

    /** Not serialised: only meaningful within the run that threw it. */
    private final transient Deadline origin;

    Deadline origin() {
        return origin;
    }
}
