package dev.poet.core.engine;

/**
 * The settings the engine acts on, taken from the configuration once at start-up.
 *
 * @param eagerActivation     {@code poet.activation=eager}: a method's first call waits for its enhancement
 * @param activationTimeoutMs how long such a call waits at most ({@code poet.activation.timeout-ms})
 * @param quarantineFailures  own failures of a version before it is quarantined ({@code poet.quarantine.failures})
 * @param summary             print a per-method summary at exit ({@code poet.summary})
 * @param failureLogLimit     how many failure lines are logged per method before they are only counted
 */
public record EngineOptions(boolean eagerActivation, long activationTimeoutMs, int quarantineFailures,
                            boolean summary, int failureLogLimit) {

    /** Defaults: async activation, 5 s, 5 failures, summary on, 3 lines per method. */
    public static EngineOptions defaults() {
        return new EngineOptions(false, 5000, 5, true, 3);
    }
}
