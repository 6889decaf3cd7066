package dev.poet.llm.provider;

import java.util.ArrayDeque;

/**
 * At most {@code permits} requests in any sliding window of {@code windowMs} ({@code poet.llm.rate-limit-per-minute}).
 * A sliding log rather than a token bucket: with a few hundred requests a minute at most, keeping their times is
 * cheap, and it never lets a burst of twice the limit through at a window boundary.
 */
public final class RateLimiter {

    private final int permits;
    private final long windowNanos;
    private final ArrayDeque<Long> granted = new ArrayDeque<>();

    public RateLimiter(int permits, long windowMs) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.permits = permits;
        this.windowNanos = windowMs * 1_000_000L;
    }

    /** {@code perMinute} requests per minute. */
    public static RateLimiter perMinute(int perMinute) {
        return new RateLimiter(perMinute, 60_000);
    }

    /**
     * Takes a permit, waiting while the window is full but never past the budget.
     *
     * @return {@code false} when no permit became free within the budget
     */
    public boolean acquire(TimeBudget budget) throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                while (!granted.isEmpty() && now - granted.peekFirst() >= windowNanos) {
                    granted.pollFirst();
                }
                if (granted.size() < permits) {
                    granted.addLast(now);
                    return true;
                }
                waitNanos = windowNanos - (now - granted.peekFirst());
            }
            long waitMs = Math.max(1, waitNanos / 1_000_000L);
            if (waitMs > budget.remainingMs()) {
                return false;
            }
            Thread.sleep(waitMs);
        }
    }
}
