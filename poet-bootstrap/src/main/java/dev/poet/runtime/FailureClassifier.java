package dev.poet.runtime;

/**
 * Decides whether a failure is transient: worth retrying, and counted against a circuit breaker. Generated code
 * may implement it with an anonymous class; most use {@link TransientFailures}.
 */
public interface FailureClassifier {

    /** Whether {@code failure} is transient; must not throw. */
    boolean isTransient(Throwable failure);
}
