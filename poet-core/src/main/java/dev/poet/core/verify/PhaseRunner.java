package dev.poet.core.verify;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poet.runtime.budget.LoopBudget;

/**
 * The watchdog: runs one phase call on a fresh {@link VerificationThread} within a loop budget, waits for it at
 * most a given time while watching what it allocates, and leaves it behind (interrupted) when it overruns.
 */
final class PhaseRunner {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long GRACE_AFTER_INTERRUPT_MS = 100;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final AtomicInteger ABANDONED = new AtomicInteger();

    /** A phase call. */
    interface Body {
        Object call() throws Throwable;
    }

    /** What one phase call did. Exactly one of: finished (value or thrown), or aborted (reason). */
    static final class Result {
        Object value;
        Throwable thrown;
        /** Bytes the call allocated; -1 when unknown. */
        long allocated = -1;
        /** Why the watchdog gave up on the call; {@code null} when it finished. */
        String aborted;
    }

    private final long loopBudget;
    private final long allocationBound;

    PhaseRunner(long loopBudget, long allocationBound) {
        this.loopBudget = loopBudget;
        this.allocationBound = allocationBound;
    }

    /** Threads abandoned so far in this JVM (they hung and could not be stopped). */
    static int abandoned() {
        return ABANDONED.get();
    }

    /**
     * @param timeoutNanos how long to wait for the call
     * @param limitMs      the limit to name in the message when it overruns
     */
    Result run(String name, Body body, long timeoutNanos, long limitMs) {
        Result result = new Result();
        CountDownLatch done = new CountDownLatch(1);
        Runnable task = () -> {
            long saved = LoopBudget.begin(loopBudget);
            long before = Allocation.current();
            try {
                result.value = body.call();
            } catch (Throwable t) {
                // OutOfMemoryError and StackOverflowError too: they concern this thread's attempt only.
                result.thrown = t;
            } finally {
                LoopBudget.end(saved);
                long after = Allocation.current();
                result.allocated = before < 0 || after < 0 ? -1 : after - before;
                done.countDown();
            }
        };
        VerificationThread thread = new VerificationThread(task, "poet-verify-" + THREADS.incrementAndGet() + "-" + name);
        long start = System.nanoTime();
        try {
            thread.start();
        } catch (Throwable t) {
            result.aborted = "no verification thread could be started: " + t;
            return result;
        }
        long timeoutMs = limitMs;
        try {
            while (true) {
                long left = timeoutNanos - (System.nanoTime() - start);
                if (left <= 0) {
                    thread.interrupt();
                    if (done.await(GRACE_AFTER_INTERRUPT_MS, TimeUnit.MILLISECONDS)) {
                        result.aborted = "did not finish within " + timeoutMs + " ms (interrupted)";
                    } else {
                        ABANDONED.incrementAndGet();
                        result.aborted = "did not finish within " + timeoutMs + " ms (its thread was abandoned)";
                    }
                    return result;
                }
                if (done.await(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS)) {
                    return result;
                }
                long allocated = Allocation.of(thread);
                if (allocated > allocationBound) {
                    thread.interrupt();
                    if (!done.await(GRACE_AFTER_INTERRUPT_MS, TimeUnit.MILLISECONDS)) {
                        ABANDONED.incrementAndGet();
                    }
                    result.aborted = "allocated more than " + megabytes(allocationBound) + " while running";
                    return result;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            result.aborted = "verification was interrupted";
            return result;
        }
    }

    static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }
}
