package dev.poet.bridge;

/**
 * Where an {@link ActiveMethod} reports its own failures; given to it when it is built, so that no call has to
 * carry it. The engine's implementation logs, counts and quarantines a version that keeps failing.
 * Implementations must not block; whatever they throw is swallowed (reporting a failure must not become one).
 */
@FunctionalInterface
public interface FailureReporter {

    /** Reports to nobody: the failure is still counted in the method's {@link MethodStats#ownFailures}. */
    FailureReporter NONE = (method, phase, failure) -> { };

    /**
     * Our own failure in an enhanced call of {@code method}, in {@code phase} ({@code perceive}, {@code operate},
     * {@code enforce}, {@code dispatch}); the call has already fallen back to the original's behaviour.
     */
    void ownFailure(ActiveMethod method, String phase, Throwable failure);
}
