package dev.poet.runtime.deadline;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads enforced deadlines run attempts on: daemon threads named {@code poet-deadline-N}, created on demand
 * and retired after 30 s idle, at most {@value #MAX_THREADS}. A hand-off queue, never a backlog: an attempt
 * waiting in a queue would spend its deadline before it starts. When every thread is busy the executor rejects,
 * and {@link Deadline} runs the attempt on the caller's thread, recording only.
 *
 * <p>One instance for the whole runtime, created on first use, because threads are the scarce resource here; it
 * holds no per-method state.
 */
public final class DeadlineExecutor {

    /** The most worker threads alive at once. */
    public static final int MAX_THREADS = 64;

    private DeadlineExecutor() {
    }

    /** The shared executor, created on first use. */
    public static Executor shared() {
        return Holder.EXECUTOR;
    }

    private static final class Holder {
        static final Executor EXECUTOR = create();

        private static Executor create() {
            final AtomicInteger counter = new AtomicInteger();
            ThreadFactory factory = runnable -> {
                Thread t = new Thread(runnable, "poet-deadline-" + counter.incrementAndGet());
                t.setDaemon(true);
                // Never pin whichever application loader happened to trigger creation.
                t.setContextClassLoader(null);
                return t;
            };
            return new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory,
                    new ThreadPoolExecutor.AbortPolicy());
        }
    }
}
