package dev.poet.runtime.breaker;

import dev.poet.runtime.DeliberateFailure;

import java.io.IOException;

/**
 * Thrown on purpose when a circuit breaker refuses a call of a method that declares {@code IOException}, so the
 * caller's existing I/O handling takes it. No stack trace, as {@link BreakerOpenException}.
 */
public final class BreakerOpenIOException extends IOException implements DeliberateFailure {

    private static final long serialVersionUID = 1L;

    /** @param message names the method and the breaker state */
    public BreakerOpenIOException(String message) {
        super(message);
    }

    /** No stack trace: the refusal is expected and frequent while open; filling one in costs microseconds. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
