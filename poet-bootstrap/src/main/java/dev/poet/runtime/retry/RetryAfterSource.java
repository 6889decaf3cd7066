package dev.poet.runtime.retry;

/**
 * Reads a retry-after delay out of a failure the application's libraries throw (they cannot implement
 * {@link RetryAfter}). Generated code may implement it with an anonymous class.
 */
public interface RetryAfterSource {

    /** The delay {@code failure} asks for, in milliseconds; negative when it asks for none. Must not throw. */
    long retryAfterMillis(Throwable failure);
}
