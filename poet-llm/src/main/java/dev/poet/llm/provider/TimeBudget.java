package dev.poet.llm.provider;

/** A deadline on the monotonic clock: what is left of {@code poet.llm.total-timeout-ms}. */
public final class TimeBudget {

    private final long deadlineNanos;
    private final long totalMs;

    private TimeBudget(long deadlineNanos, long totalMs) {
        this.deadlineNanos = deadlineNanos;
        this.totalMs = totalMs;
    }

    /** A budget of {@code millis} from now. */
    public static TimeBudget ofMillis(long millis) {
        return new TimeBudget(System.nanoTime() + millis * 1_000_000L, millis);
    }

    /** Milliseconds left, never negative. */
    public long remainingMs() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** The whole budget, for messages. */
    public long totalMs() {
        return totalMs;
    }
}
