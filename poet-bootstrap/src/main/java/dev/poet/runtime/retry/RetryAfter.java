package dev.poet.runtime.retry;

/**
 * Implemented by an exception that knows when the operation may be tried again (an HTTP 429/503 with a
 * {@code Retry-After} header, a rate limiter). {@link Retry} waits that long instead of its backoff, capped by
 * {@link RetryConfig#maxRetryAfterMs()}.
 */
public interface RetryAfter {

    /** How long to wait before the next attempt, in milliseconds; negative when unknown. */
    long retryAfterMillis();
}
