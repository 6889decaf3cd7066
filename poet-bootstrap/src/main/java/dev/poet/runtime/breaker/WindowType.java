package dev.poet.runtime.breaker;

/** How a {@link CircuitBreaker}'s sliding window is measured. */
public enum WindowType {
    /** The last {@code windowSize} calls. */
    COUNT_BASED,
    /** The calls of the last {@code windowSize} seconds (one bucket per second). */
    TIME_BASED
}
