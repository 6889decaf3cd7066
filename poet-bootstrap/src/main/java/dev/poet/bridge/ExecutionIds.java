package dev.poet.bridge;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Execution ids, unique across JVM runs and across instances sharing a {@code .poet}: this run's random prefix
 * ({@link #RUN}, 60 random bits drawn once) and a counter, e.g. {@code k3f9q2m7x1ab-1f}. The counter is cheap: each
 * thread takes blocks of numbers from a shared counter, so the common case is a thread-local increment (no
 * {@code UUID.randomUUID}, which contends on a lock); the string is built only when someone asks for it.
 */
public final class ExecutionIds {

    /** This JVM run's prefix: 12 characters of {@code [0-9a-v]} (base 32). */
    public static final String RUN = runPrefix();

    /** The first number of the next block handed to a thread; numbers start at 1. */
    private static final AtomicLong NEXT_BLOCK = new AtomicLong(1);

    private ExecutionIds() {
    }

    /** The next execution number of this run; positive. */
    public static long next() {
        return ThreadState.get().nextExecution();
    }

    /** Reserves {@code size} consecutive numbers for one thread; returns the first. */
    static long takeBlock(int size) {
        return NEXT_BLOCK.getAndAdd(size);
    }

    /** The id users see for execution number {@code n} of this run. */
    public static String format(long n) {
        return RUN + "-" + Long.toString(n, 36);
    }

    /**
     * Whether {@code id} has the form of an execution id (of any run): 12 base-32 characters, {@code -}, and 1 to 13
     * base-36 digits. Says nothing about whether that execution happened.
     */
    public static boolean wellFormed(String id) {
        if (id == null || id.length() < 14 || id.length() > 26 || id.charAt(12) != '-') {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'v')) {
                return false;
            }
        }
        for (int i = 13; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static String runPrefix() {
        long bits = new SecureRandom().nextLong() >>> 4;
        StringBuilder s = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            s.append(Character.forDigit((int) (bits & 31), 32));
            bits >>>= 5;
        }
        return s.toString();
    }
}
