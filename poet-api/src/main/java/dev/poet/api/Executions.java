package dev.poet.api;

import java.util.Optional;

/**
 * The POET execution the calling thread is in. Inside a method POET enhances, each call has an execution id that
 * events and feedback refer to; an application that wants to collect feedback later (a review link, an alert) keeps
 * this id with the result. Works without the agent (then always empty).
 *
 * <pre>{@code
 * @Poet(domain = "ml_monitoring")
 * public DriftReport detectDrift(double[] current, double[] reference) {
 *     DriftReport report = ...;
 *     Executions.currentId().ifPresent(report::setExecutionId);
 *     return report;
 * }
 * }</pre>
 */
public final class Executions {

    private Executions() {
    }

    /**
     * The id of the enhanced call running on this thread, also inside the original body when POET runs it on a
     * deadline worker; empty outside an enhanced call or without the agent. Asking for it makes sure that
     * execution's record is kept, so feedback on it can find it.
     */
    public static Optional<String> currentId() {
        Bridge bridge = Bridge.get();
        return bridge == null ? Optional.<String>empty() : Optional.ofNullable(bridge.currentExecutionId());
    }
}
