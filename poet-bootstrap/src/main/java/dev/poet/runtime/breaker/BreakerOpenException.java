package dev.poet.runtime.breaker;

import dev.poet.runtime.DeliberateFailure;

/**
 * Thrown on purpose when a circuit breaker refuses a call, for methods that do not declare {@code IOException}
 * (those get {@link BreakerOpenIOException}). Use {@link #create} to get the right one. It carries no stack
 * trace: it is expected, frequent while open, and its message says where it comes from.
 */
public final class BreakerOpenException extends RuntimeException implements DeliberateFailure {

    private static final long serialVersionUID = 1L;

    /** @param message names the method and the breaker state */
    public BreakerOpenException(String message) {
        super(message, null, false, false);
    }

    /**
     * The refusal for a method: an {@code IOException} ({@link BreakerOpenIOException}) when it declares one,
     * so the caller's existing handlers catch it; else a {@code RuntimeException} ({@link BreakerOpenException}).
     */
    public static Exception create(String methodKey, CircuitState state, boolean declaresIOException) {
        String message = "POET circuit breaker of " + methodKey + " is " + state + ": call not permitted";
        return declaresIOException ? new BreakerOpenIOException(message) : new BreakerOpenException(message);
    }
}
