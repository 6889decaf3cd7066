package com.example.train;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A downstream call whose every try follows a fixed script, the same in every run: the outcome of try {@code k}
 * of call {@code c} depends on {@code (c, k)} only. 30 % of tries fail at once (transient I/O), 3 % straggle for
 * {@value #STRAGGLER_MS} ms, the rest answer in a fraction of a millisecond; after {@link #shift} the ordinary
 * tries take about twice as long.
 */
public class FlakyDownstream {

    public static final int STRAGGLER_MS = 25;

    /** The call being made; set by the caller before each call. */
    public volatile int call;
    /** Tries of the current call so far; reset by the caller before each call. */
    public final AtomicInteger tries = new AtomicInteger();
    public volatile boolean shifted;

    public String fetch(String id) throws IOException {
        int k = tries.incrementAndGet();
        int u = (int) Long.remainderUnsigned(mix(call * 31L + k), 100);
        long baseMicros = (shifted ? 1_000 : 300) + Long.remainderUnsigned(mix(call * 17L + k * 7L), shifted ? 600 : 500);
        if (u < 30) {
            park(baseMicros / 3);
            throw new IOException("connection reset");
        }
        if (u < 33) {
            park(TimeUnit.MILLISECONDS.toMicros(STRAGGLER_MS));
            if (Thread.currentThread().isInterrupted()) {
                throw new IOException("interrupted");
            }
            return "late " + id;
        }
        park(baseMicros);
        return "answer " + id;
    }

    private static void park(long micros) {
        long end = System.nanoTime() + micros * 1_000;
        long left;
        while ((left = end - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(left);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
