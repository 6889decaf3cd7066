package dev.poet.bridge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Cheap execution ids, unique within one JVM run: each thread takes blocks of ids from a shared counter, so the
 * common case is a thread-local increment (no {@code UUID.randomUUID}, which contends on a lock).
 */
public final class ExecutionIds {

    private static final int BLOCK = 1024;
    private static final AtomicLong NEXT_BLOCK = new AtomicLong();
    private static final ThreadLocal<long[]> RANGE = ThreadLocal.withInitial(() -> new long[] {0, 0});

    private ExecutionIds() {
    }

    /** The next id; positive. */
    public static long next() {
        long[] range = RANGE.get();
        if (range[0] == range[1]) {
            long start = NEXT_BLOCK.getAndAdd(BLOCK);
            range[0] = start + 1;
            range[1] = start + 1 + BLOCK;
        }
        return range[0]++;
    }
}
