package dev.poet.core.config;

/** How a method's first calls wait for its enhancement ({@code poet.activation}; default {@link #ASYNC}). */
public enum ActivationMode {
    /** The original runs until the enhancement is ready; no call ever waits. */
    ASYNC,
    /**
     * A method's first call waits until its enhancement is active or has failed, at most
     * {@code poet.activation.timeout-ms} milliseconds.
     */
    EAGER
}
