package dev.poet.core.metrics;

import java.util.Objects;

/**
 * The {@link MethodMXBean} of one method key: every attribute reads the figures afresh, so a JMX console sees the
 * same numbers as a scrape at the same moment. A method whose enhancement is gone reads as zeros.
 */
final class MethodBean implements MethodMXBean {

    private final String key;
    private final PoetMetrics metrics;

    MethodBean(String key, PoetMetrics metrics) {
        this.key = Objects.requireNonNull(key, "key");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    private MethodFigures f() {
        return metrics.figures(key).orElse(null);
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public String getClassName() {
        MethodFigures f = f();
        return f == null ? "" : f.className();
    }

    @Override
    public String getMethodName() {
        MethodFigures f = f();
        return f == null ? "" : f.methodName();
    }

    @Override
    public String getVersion() {
        MethodFigures f = f();
        return f == null || f.version() == null ? "" : f.version();
    }

    @Override
    public String getState() {
        MethodFigures f = f();
        return f == null ? "inactive" : f.state();
    }

    @Override
    public long getCalls() {
        MethodFigures f = f();
        return f == null ? 0 : f.calls();
    }

    @Override
    public long getFailures() {
        MethodFigures f = f();
        return f == null ? 0 : f.failures();
    }

    @Override
    public long getDeliberateFailures() {
        MethodFigures f = f();
        return f == null ? 0 : f.deliberateFailures();
    }

    @Override
    public long getFallbacks() {
        MethodFigures f = f();
        return f == null ? 0 : f.fallbacks();
    }

    @Override
    public long getRetries() {
        MethodFigures f = f();
        return f == null ? 0 : f.retries();
    }

    @Override
    public long getViolations() {
        MethodFigures f = f();
        return f == null ? 0 : f.violations();
    }

    @Override
    public long getRepairs() {
        MethodFigures f = f();
        return f == null ? 0 : f.repairs();
    }

    @Override
    public long getRejections() {
        MethodFigures f = f();
        return f == null ? 0 : f.rejections();
    }

    @Override
    public String getBreakerState() {
        MethodFigures f = f();
        return f == null || f.breakerState() == null ? "" : f.breakerState();
    }

    @Override
    public long getLatencyCount() {
        MethodFigures f = f();
        return f == null ? 0 : f.latencyCount();
    }

    @Override
    public double getLatencyP50Millis() {
        MethodFigures f = f();
        return f == null ? 0 : f.p50Nanos() / 1e6;
    }

    @Override
    public double getLatencyP99Millis() {
        MethodFigures f = f();
        return f == null ? 0 : f.p99Nanos() / 1e6;
    }

    @Override
    public double getLatencyMeanMillis() {
        MethodFigures f = f();
        return f == null ? 0 : f.meanNanos() / 1e6;
    }

    @Override
    public long getGenerationsSucceeded() {
        return generations("succeeded");
    }

    @Override
    public long getGenerationsFailed() {
        return generations("failed");
    }

    @Override
    public long getVersionsRejected() {
        return generations("rejected");
    }

    @Override
    public long getVersionsQuarantined() {
        return generations("quarantined");
    }

    private long generations(String outcome) {
        MethodFigures f = f();
        return f == null ? 0 : f.generations().getOrDefault(outcome, 0L);
    }
}
