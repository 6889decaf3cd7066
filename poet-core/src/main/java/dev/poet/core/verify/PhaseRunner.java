package dev.poet.core.verify;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poet.runtime.budget.LoopBudget;

/**
 * The watchdog: runs one phase call on a {@link VerificationThread} within a loop budget, waits for it at most a
 * given time while watching what it allocates, and leaves it behind (interrupted) when it overruns. The thread is
 * reused from call to call (a class with hundreds of methods verifies thousands of phase calls) and replaced only
 * after it was left behind; {@link #close()} lets it go.
 */
final class PhaseRunner implements AutoCloseable {

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
    private Worker worker;

    /** One verification thread taking phase calls in turn. */
    private static final class Worker {
        final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        final VerificationThread thread;

        Worker(String name) {
            thread = new VerificationThread(() -> {
                while (true) {
                    Runnable task;
                    try {
                        task = tasks.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (task == STOP) {
                        return;
                    }
                    // A previous call may have left the interrupt flag set; each call starts clean.
                    Thread.interrupted();
                    task.run();
                }
            }, name);
        }
    }

    private static final Runnable STOP = () -> { };

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
        if (worker == null) {
            worker = new Worker("poet-verify-" + THREADS.incrementAndGet());
            try {
                worker.thread.start();
            } catch (Throwable t) {
                worker = null;
                result.aborted = "no verification thread could be started: " + t;
                return result;
            }
        }
        VerificationThread thread = worker.thread;
        long start = System.nanoTime();
        long allocatedBefore = Allocation.of(thread);
        worker.tasks.add(task);
        long timeoutMs = limitMs;
        try {
            while (true) {
                long left = timeoutNanos - (System.nanoTime() - start);
                if (left <= 0) {
                    worker = null;
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
                if (allocatedBefore >= 0 && allocated - allocatedBefore > allocationBound) {
                    worker = null;
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
            worker = null;
            thread.interrupt();
            result.aborted = "verification was interrupted";
            return result;
        }
    }

    /** Lets the verification thread end once it is idle. */
    @Override
    public void close() {
        if (worker != null) {
            worker.tasks.add(STOP);
            worker = null;
        }
    }

    static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }
}
