package dev.poet.bridge;

/**
 * How the bridge reaches the engine, which lives in another class loader. The engine installs one instance at
 * start-up with {@link Dispatcher#install(BridgeHooks)}; until then enhanced calls cannot happen (no slot is set).
 * Implementations must not throw and must not block, except {@link #awaitActivation}. Own failures of an
 * enhanced call do not come this way: each {@link ActiveMethod} reports them to the {@link FailureReporter} it was
 * built with.
 */
public interface BridgeHooks {

    /**
     * The first call of an instrumented method whose slot is {@link Slots#UNDISCOVERED}. The engine moves the
     * slot on through {@link SlotTable#discover} (concurrent first calls are expected; one of them wins) and
     * returns its new content: {@code null} (run the original; generation goes on in the background), a
     * {@link PendingActivation} or an {@link ActiveMethod}.
     */
    Object discovered(int methodId, Class<?> declaringType);

    /**
     * Called when a method's first call meets a pending activation ({@code poet.activation=eager}); waits at most
     * the configured time and returns the active method, or {@code null} to run the original.
     */
    ActiveMethod awaitActivation(int methodId, PendingActivation pending);

    /**
     * A call of a method whose slot is a {@link Recording}, on the caller's thread, before the original runs:
     * the engine keeps a bounded copy of {@code args} as a verification sample (the array is the dispatcher's
     * fresh one; its elements are the application's). Must not throw, must not wait for the engine and must not
     * keep {@code args} itself; the original runs, unenhanced, when this returns.
     */
    default void recorded(int methodId, Object[] args) {
    }
}
