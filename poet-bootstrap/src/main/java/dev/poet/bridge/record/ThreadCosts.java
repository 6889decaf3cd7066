package dev.poet.bridge.record;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time and allocated bytes, for methods with {@code optimize-for}. The management bean
 * is looked up on first use, never earlier: touching {@code java.lang.management} at agent start-up breaks
 * applications that install their own MBean server or log manager. Each read is {@code -1} when the JVM cannot
 * measure it (or it is switched off).
 */
public final class ThreadCosts {

    /**
     * Thread CPU time is read around at most one measured call per thread per this many milliseconds (and so on
     * every call while a thread makes fewer): a read costs about 0.5 µs on virtualised machines, so a fixed share
     * of calls would cost a fast method several times its own time, while a rate keeps the cost below 0.1 % of a
     * busy thread and still measures every call of a rarely called method. Allocation (about 20 ns a read) is read
     * on every call.
     */
    public static final long CPU_SAMPLE_INTERVAL_MS = 1;

    private ThreadCosts() {
    }

    /** CPU time of the calling thread in nanoseconds, or {@code -1}. Never throws. */
    public static long cpuNanos() {
        try {
            ThreadMXBean bean = Beans.THREADS;
            return bean != null && Beans.CPU ? bean.getCurrentThreadCpuTime() : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Bytes allocated so far by the calling thread, or {@code -1}. Never throws. */
    public static long allocatedBytes() {
        try {
            com.sun.management.ThreadMXBean bean = Beans.ALLOCATION;
            return bean != null ? bean.getCurrentThreadAllocatedBytes() : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Initialised on the first read, not before. */
    private static final class Beans {
        static final ThreadMXBean THREADS = threads();
        static final boolean CPU = cpu(THREADS);
        static final com.sun.management.ThreadMXBean ALLOCATION = allocation(THREADS);

        private static ThreadMXBean threads() {
            try {
                return ManagementFactory.getThreadMXBean();
            } catch (Throwable t) {
                return null;
            }
        }

        private static boolean cpu(ThreadMXBean bean) {
            try {
                return bean != null && bean.isCurrentThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled();
            } catch (Throwable t) {
                return false;
            }
        }

        private static com.sun.management.ThreadMXBean allocation(ThreadMXBean bean) {
            try {
                if (bean instanceof com.sun.management.ThreadMXBean) {
                    com.sun.management.ThreadMXBean b = (com.sun.management.ThreadMXBean) bean;
                    if (b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled()) {
                        return b;
                    }
                }
            } catch (Throwable t) {
                // Not this JVM's management extension: no allocation figures.
            }
            return null;
        }
    }
}
