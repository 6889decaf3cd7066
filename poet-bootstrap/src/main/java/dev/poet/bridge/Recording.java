package dev.poet.bridge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A method's slot state while its enhancement waits for samples of real calls: verification had no sample of the
 * method's arguments (an application type cannot be synthesised), so the version is held back until a few live
 * calls were recorded and it passed verification on them.
 *
 * <p>Every call that finds this object runs the original, unenhanced. The first {@link #maxCalls()} calls also hand
 * their arguments to {@link BridgeHooks#recorded(int, Object[])} before the original runs (the original may change
 * them; a copy taken afterwards would not be the input). Later calls cost one failed {@link #claim()}: the engine
 * replaces this object once it has what it needs, or gives up. The slot moves {@code Recording → ActiveMethod}
 * (verified on the recordings) or {@code Recording → null} (rejected, or nothing could be recorded).
 */
public final class Recording {

    private final int samples;
    private final int maxCalls;
    private final AtomicInteger claimed = new AtomicInteger();

    /**
     * @param samples  recorded calls the engine verifies on, at least 1
     * @param maxCalls calls handed to the engine at most, at least {@code samples} (a call whose arguments cannot
     *                 be kept, too large, uses up its turn)
     */
    public Recording(int samples, int maxCalls) {
        if (samples < 1 || maxCalls < samples) {
            throw new IllegalArgumentException("need 1 <= samples <= maxCalls: " + samples + ", " + maxCalls);
        }
        this.samples = samples;
        this.maxCalls = maxCalls;
    }

    /** Recorded calls the engine waits for. */
    public int samples() {
        return samples;
    }

    /** Calls handed to the engine at most. */
    public int maxCalls() {
        return maxCalls;
    }

    /** True for the first {@link #maxCalls()} calls: this call's arguments go to the engine. Never blocks. */
    public boolean claim() {
        // The read first: once used up, calls do not keep incrementing a contended counter.
        return claimed.get() < maxCalls && claimed.getAndIncrement() < maxCalls;
    }

    /** Whether every turn was claimed: no more arguments will arrive. */
    public boolean exhausted() {
        return claimed.get() >= maxCalls;
    }

    @Override
    public String toString() {
        return "recording(" + samples + " of at most " + maxCalls + " calls)";
    }
}
