/**
 * Retries of transient failures: {@link dev.poet.runtime.retry.Retry} with an immutable
 * {@link dev.poet.runtime.retry.RetryConfig} (total attempts, capped full-jitter backoff, retry-after) and a
 * per-method {@link dev.poet.runtime.retry.RetryBudget}.
 */
package dev.poet.runtime.retry;
