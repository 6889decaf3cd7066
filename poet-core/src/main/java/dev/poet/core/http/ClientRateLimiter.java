package dev.poet.core.http;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} requests per client address in each one-second window. Memory is bounded: past
 * {@link #MAX_CLIENTS} tracked addresses, windows that ended are forgotten, and if that is not enough every further
 * address shares one window, so many addresses cannot get around the limit by being many. Thread-safe.
 */
final class ClientRateLimiter {

    static final int MAX_CLIENTS = 4096;
    private static final long SECOND = 1_000_000_000L;
    private static final String OVERFLOW = "*";

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ClientRateLimiter(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** {@code 0} when {@code client} may go ahead now, else the nanoseconds until it may. */
    long acquire(String client) {
        long now = nanoTime.getAsLong();
        Window w = windows.get(client);
        if (w == null) {
            if (windows.size() >= MAX_CLIENTS) {
                forgetEnded(now);
            }
            w = windows.size() >= MAX_CLIENTS
                    ? windows.computeIfAbsent(OVERFLOW, k -> new Window(now))
                    : windows.computeIfAbsent(client, k -> new Window(now));
        }
        return w.acquire(now, perSecond);
    }

    private void forgetEnded(long now) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (now - it.next().start() >= SECOND) {
                it.remove();
            }
        }
    }

    private static final class Window {
        private long start;
        private int count;

        Window(long start) {
            this.start = start;
        }

        synchronized long start() {
            return start;
        }

        synchronized long acquire(long now, int limit) {
            if (now - start >= SECOND) {
                start = now;
                count = 0;
            }
            if (count < limit) {
                count++;
                return 0;
            }
            return Math.max(1, start + SECOND - now);
        }
    }
}
