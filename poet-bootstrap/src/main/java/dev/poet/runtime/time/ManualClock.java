package dev.poet.runtime.time;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock and sleeper that only move when told to: {@link #sleep(long)} records the request and advances the
 * clock by that much instead of waiting. For tests (here and in other modules) of backoff, breaker windows and
 * deadlines; thread-safe.
 */
public final class ManualClock implements Clock, Sleeper {

    private final AtomicLong nanos;
    private final long epochMillisAtZero;
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    /** A clock at nano time 0 and wall time {@code 1_000_000_000_000} ms (2001-09-09). */
    public ManualClock() {
        this(0L, 1_000_000_000_000L);
    }

    /**
     * @param startNanos        initial {@link #nanoTime()}
     * @param epochMillisAtZero wall-clock milliseconds when {@link #nanoTime()} is {@code startNanos}
     */
    public ManualClock(long startNanos, long epochMillisAtZero) {
        this.nanos = new AtomicLong(startNanos);
        this.epochMillisAtZero = epochMillisAtZero - startNanos / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return epochMillisAtZero + nanos.get() / 1_000_000L;
    }

    /** Moves time forward by {@code millis} milliseconds. */
    public void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    /** Moves time forward by {@code n} nanoseconds. */
    public void advanceNanos(long n) {
        nanos.addAndGet(n);
    }

    /** Records the request and advances time by {@code millis}; never blocks. */
    @Override
    public void sleep(long millis) {
        sleeps.add(millis);
        if (millis > 0) {
            advanceMillis(millis);
        }
    }

    /** Every {@link #sleep(long)} request so far, in milliseconds, in order. */
    public List<Long> sleeps() {
        synchronized (sleeps) {
            return new ArrayList<>(sleeps);
        }
    }
}
