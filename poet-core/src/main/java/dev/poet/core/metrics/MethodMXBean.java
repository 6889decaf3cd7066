package dev.poet.core.metrics;

/**
 * One enhanced method over JMX, {@code dev.poet:type=Method,name=<method key>}: the figures of
 * {@code /poet/metrics} for that method, read when an attribute is read. Counts are since the JVM started;
 * latency figures are in milliseconds, from precisely timed calls only ({@link #getLatencyCount()} of them).
 */
public interface MethodMXBean {

    String getKey();

    String getClassName();

    String getMethodName();

    /** The version that runs, or ran last when {@link #getState()} is {@code inactive}. */
    String getVersion();

    /** {@code active}, or {@code inactive} once the version was quarantined or replaced. */
    String getState();

    long getCalls();

    /** Calls that ended in an exception, the original's and POET's own refusals. */
    long getFailures();

    /** Calls that ended in POET's own refusal (breaker open, deadline, rejected input). */
    long getDeliberateFailures();

    long getFallbacks();

    long getRetries();

    long getViolations();

    long getRepairs();

    long getRejections();

    /** {@code closed}, {@code open}, {@code half_open}, or empty when the method has no breaker. */
    String getBreakerState();

    long getLatencyCount();

    double getLatencyP50Millis();

    double getLatencyP99Millis();

    double getLatencyMeanMillis();

    /** Versions generated, audited and verified. */
    long getGenerationsSucceeded();

    long getGenerationsFailed();

    long getVersionsRejected();

    long getVersionsQuarantined();
}
