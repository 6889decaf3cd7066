package dev.poet.core.verify;

import java.lang.management.ManagementFactory;

/** Per-thread allocated bytes through {@code com.sun.management.ThreadMXBean}, where the JVM has it. */
final class Allocation {

    private static final com.sun.management.ThreadMXBean MX = init();

    private Allocation() {
    }

    private static com.sun.management.ThreadMXBean init() {
        try {
            java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            if (bean instanceof com.sun.management.ThreadMXBean) {
                com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
                if (sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled()) {
                    return sun;
                }
            }
        } catch (Throwable t) {
            // No java.management / jdk.management module, or a JVM without the counter: no allocation bound.
        }
        return null;
    }

    /** Whether allocation can be measured. */
    static boolean available() {
        return MX != null;
    }

    /** Bytes the current thread allocated so far, or -1. */
    static long current() {
        return of(Thread.currentThread());
    }

    /** Bytes {@code thread} allocated so far, or -1 (also once it ended). */
    static long of(Thread thread) {
        if (MX == null) {
            return -1;
        }
        try {
            return MX.getThreadAllocatedBytes(thread.getId());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
