package dev.poet.runtime.breaker;

/** The states of a {@link CircuitBreaker}. */
public enum CircuitState {
    /** Calls pass; outcomes are recorded in the sliding window. */
    CLOSED,
    /** Calls are refused until the wait duration has passed. */
    OPEN,
    /** A limited number of probe calls pass; their outcomes decide between CLOSED and OPEN. */
    HALF_OPEN
}
