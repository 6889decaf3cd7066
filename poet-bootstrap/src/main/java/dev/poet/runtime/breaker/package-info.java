/**
 * The circuit breaker: {@link dev.poet.runtime.breaker.CircuitBreaker} with count- or time-based lock-free
 * sliding windows, failure- and slow-call-rate thresholds, half-open probes and a fallback value.
 */
package dev.poet.runtime.breaker;
