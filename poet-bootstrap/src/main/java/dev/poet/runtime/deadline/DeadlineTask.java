package dev.poet.runtime.deadline;

import dev.poet.runtime.Attempt;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt run on a deadline worker. The interrupt hand-shake makes sure a worker is interrupted only while it
 * runs this attempt, never after it moved on to another method's, and that it leaves with its flag clear.
 */
final class DeadlineTask implements Runnable {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int INTERRUPTING = 2;
    private static final int DONE = 3;
    private static final int CANCELLED = 4;

    private final Attempt attempt;
    private final ClassLoader callerLoader;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Thread runner;
    private volatile Object result;
    private volatile Throwable failure;

    DeadlineTask(Attempt attempt, ClassLoader callerLoader) {
        this.attempt = attempt;
        this.callerLoader = callerLoader;
    }

    @Override
    public void run() {
        Thread self = Thread.currentThread();
        runner = self;
        if (!state.compareAndSet(NEW, RUNNING)) {
            return;
        }
        // The body would have seen the caller's context loader on the caller's thread.
        self.setContextClassLoader(callerLoader);
        try {
            result = attempt.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            // Only an interrupt in delivery can hold the state away from RUNNING; wait it out, then no more come.
            while (!state.compareAndSet(RUNNING, DONE)) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            self.setContextClassLoader(null);
            done.countDown();
        }
    }

    /** Waits up to {@code nanos}; true when the attempt finished. */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    boolean isDone() {
        return done.getCount() == 0;
    }

    /** Interrupts the worker if it is still running this attempt; prevents the attempt if it has not started. */
    void interruptRunner() {
        if (state.compareAndSet(NEW, CANCELLED)) {
            done.countDown();
            return;
        }
        if (state.compareAndSet(RUNNING, INTERRUPTING)) {
            try {
                runner.interrupt();
            } finally {
                state.set(RUNNING);
            }
        }
    }

    /** Whether the attempt never ran because it was cancelled first. */
    boolean wasCancelled() {
        return state.get() == CANCELLED;
    }

    /** The attempt's result, or rethrows its failure instance; only after it finished. */
    Object outcome() throws Throwable {
        Throwable t = failure;
        if (t != null) {
            throw t;
        }
        return result;
    }
}
