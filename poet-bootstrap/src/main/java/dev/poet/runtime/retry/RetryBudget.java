package dev.poet.runtime.retry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-method token bucket limiting retries, as gRPC's retry throttling does: each failed attempt takes one
 * token, each successful attempt gives back {@code tokenRatio}; retries are allowed only while the bucket holds
 * more than half of {@code maxTokens}. It keeps a struggling dependency from receiving {@code attempts} times its
 * normal load. The first attempt of a call always runs.
 *
 * <p>Lock-free; tokens are kept in thousandths (as gRPC does) so one {@code int} CAS updates them. A bucket that is
 * full costs a success one volatile read.
 */
public final class RetryBudget {

    /** Default bucket size: 10 tokens. */
    public static final int DEFAULT_MAX_TOKENS = 10;
    /** Default refill per success: 0.1 token. */
    public static final double DEFAULT_TOKEN_RATIO = 0.1;

    private static final int SCALE = 1000;

    private final int maxMilli;
    private final int ratioMilli;
    private final int thresholdMilli;
    private final AtomicInteger tokensMilli;

    /** A full bucket of {@value #DEFAULT_MAX_TOKENS} tokens refilled by {@value #DEFAULT_TOKEN_RATIO} per success. */
    public RetryBudget() {
        this(DEFAULT_MAX_TOKENS, DEFAULT_TOKEN_RATIO);
    }

    /**
     * A full bucket.
     *
     * @param maxTokens  bucket size, at least 1 (values up to 1 000 000)
     * @param tokenRatio tokens returned per successful attempt, in (0, maxTokens]; precision 0.001
     */
    public RetryBudget(int maxTokens, double tokenRatio) {
        if (maxTokens < 1 || maxTokens > 1_000_000) {
            throw new IllegalArgumentException("maxTokens must be in [1, 1000000]: " + maxTokens);
        }
        if (!(tokenRatio > 0) || tokenRatio > maxTokens) {
            throw new IllegalArgumentException("tokenRatio must be in (0, maxTokens]: " + tokenRatio);
        }
        this.maxMilli = maxTokens * SCALE;
        this.ratioMilli = Math.max(1, (int) Math.round(tokenRatio * SCALE));
        this.thresholdMilli = maxMilli / 2;
        this.tokensMilli = new AtomicInteger(maxMilli);
    }

    /** Whether a retry may run now: more than {@code maxTokens / 2} tokens are left. */
    public boolean allowRetry() {
        return tokensMilli.get() > thresholdMilli;
    }

    /** Records a successful attempt: adds {@code tokenRatio}, up to {@code maxTokens}. */
    public void onSuccess() {
        int current = tokensMilli.get();
        while (current < maxMilli) {
            int next = Math.min(maxMilli, current + ratioMilli);
            if (tokensMilli.compareAndSet(current, next)) {
                return;
            }
            current = tokensMilli.get();
        }
    }

    /** Records a failed attempt (a transient failure, or a result that asked for a retry): takes one token. */
    public void onFailure() {
        int current = tokensMilli.get();
        while (current > 0) {
            int next = Math.max(0, current - SCALE);
            if (tokensMilli.compareAndSet(current, next)) {
                return;
            }
            current = tokensMilli.get();
        }
    }

    /** The tokens left, e.g. {@code 7.3}. */
    public double tokens() {
        return tokensMilli.get() / (double) SCALE;
    }

    /** The bucket size. */
    public int maxTokens() {
        return maxMilli / SCALE;
    }
}
