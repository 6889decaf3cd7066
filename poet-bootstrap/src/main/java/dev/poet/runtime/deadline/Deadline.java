package dev.poet.runtime.deadline;

import dev.poet.runtime.Attempt;
import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.EventTypes;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.time.Clock;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A time limit on one call, in one of two modes:
 * <ul>
 *   <li><b>enforced</b> (a {@code timeoutMs} the user set explicitly): the attempt runs on a
 *       {@link DeadlineExecutor} worker while the caller waits at most {@code timeoutMs}; on expiry the worker is
 *       interrupted, {@value EventTypes#DEADLINE_EXCEEDED} is emitted and a {@link DeadlineExceededIOException}
 *       (method declares {@code IOException}) or {@link DeadlineExceededException} is thrown. The attempt's own
 *       result or failure instance passes through unchanged when it finishes in time.</li>
 *   <li><b>recorded</b> (a domain's default deadline, or an enforced one the method cannot have): the attempt runs
 *       on the caller's thread, untouched; when it takes longer than {@code timeoutMs},
 *       {@value EventTypes#DEADLINE_OVERRUN} is emitted.</li>
 * </ul>
 * An enforced deadline on a {@code synchronized} method is refused (the worker would not hold the caller's
 * monitor) and falls back to recording, with one {@value EventTypes#DEADLINE_NOT_ENFORCED} event at construction.
 * When all worker threads are busy, that call is recorded only, with the same event.
 *
 * <p>If the caller is interrupted while waiting, the interrupt is passed on to the worker (the body sees it as it
 * would have on the caller's thread), the caller keeps waiting for the outcome until the deadline, and its
 * interrupt flag is set again before returning or throwing: never swallowed.
 *
 * <p>The attempt may rely on thread-local state of the caller; carrying it over is the attempt's business.
 */
public final class Deadline {

    private final long timeoutMs;
    private final long timeoutNanos;
    private final boolean enforced;
    private final boolean declaresIOException;
    private final EventEmitter events;
    private final Clock clock;
    private final Executor executor;

    private Deadline(Builder b) {
        this.timeoutMs = b.timeoutMs;
        this.timeoutNanos = b.timeoutMs * 1_000_000L;
        this.clock = b.clock == null ? Clock.SYSTEM : b.clock;
        this.events = new EventEmitter(b.sink, b.methodKey, clock);
        this.declaresIOException = b.declaresIOException;
        this.executor = b.executor;
        boolean refused = b.enforce && b.synchronizedMethod;
        this.enforced = b.enforce && !refused;
        if (refused) {
            events.emit(EventTypes.DEADLINE_NOT_ENFORCED, "reason", "synchronized", "timeout_ms", timeoutMs);
        }
    }

    /** A builder for the method {@code methodKey}; every other setting has a documented default. */
    public static Builder builder(String methodKey) {
        return new Builder(methodKey);
    }

    /**
     * An enforced deadline with the system clock and the shared executor.
     *
     * @param timeoutMs           the limit in milliseconds, at least 1
     * @param declaresIOException whether time-outs must be {@code IOException}s
     * @param synchronizedMethod  whether the method is {@code synchronized} (then only recorded)
     */
    public static Deadline enforced(String methodKey, long timeoutMs, boolean declaresIOException,
                                    boolean synchronizedMethod, PhaseEventSink sink) {
        return builder(methodKey).timeoutMs(timeoutMs).enforce(true).declaresIOException(declaresIOException)
                .synchronizedMethod(synchronizedMethod).events(sink).build();
    }

    /** A recorded-only deadline (a domain default) of {@code timeoutMs} milliseconds with the system clock. */
    public static Deadline recorded(String methodKey, long timeoutMs, PhaseEventSink sink) {
        return builder(methodKey).timeoutMs(timeoutMs).enforce(false).events(sink).build();
    }

    /** Whether calls are really cut off (false: recorded only). */
    public boolean isEnforced() {
        return enforced;
    }

    /** The limit in milliseconds. */
    public long timeoutMs() {
        return timeoutMs;
    }

    /**
     * Whether {@code failure} is this deadline's own time-out, as opposed to a failure of the attempt that passed
     * through (which may itself be another method's deadline exception, thrown by a call inside the body). A retry
     * treats the former like any time-out of the attempt; it is a {@link dev.poet.runtime.DeliberateFailure}, so
     * no classifier does.
     */
    public boolean expired(Throwable failure) {
        if (failure instanceof DeadlineExceededException) {
            return ((DeadlineExceededException) failure).origin() == this;
        }
        if (failure instanceof DeadlineExceededIOException) {
            return ((DeadlineExceededIOException) failure).origin() == this;
        }
        return false;
    }

    /**
     * Runs {@code attempt} under this deadline.
     *
     * @return the attempt's result
     * @throws Throwable the attempt's own failure (same instance), or a deadline-exceeded exception (enforced)
     */
    public Object execute(Attempt attempt) throws Throwable {
        if (enforced) {
            DeadlineTask task = new DeadlineTask(attempt, Thread.currentThread().getContextClassLoader());
            HandOffs.handingOff();
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                events.emit(EventTypes.DEADLINE_NOT_ENFORCED, "reason", "executor-saturated", "timeout_ms", timeoutMs);
                return record(attempt);
            }
            return await(task);
        }
        return record(attempt);
    }

    private Object record(Attempt attempt) throws Throwable {
        long start = clock.nanoTime();
        try {
            return attempt.run();
        } finally {
            long elapsed = clock.nanoTime() - start;
            if (elapsed > timeoutNanos) {
                events.emit(EventTypes.DEADLINE_OVERRUN, "timeout_ms", timeoutMs, "elapsed_ms", elapsed / 1_000_000L,
                        "enforced", false);
            }
        }
    }

    private Object await(DeadlineTask task) throws Throwable {
        // Real time, not the injected clock: this is an actual wait on another thread.
        long start = System.nanoTime();
        boolean interrupted = false;
        try {
            long remaining = timeoutNanos;
            while (remaining > 0) {
                try {
                    if (task.await(remaining)) {
                        return task.outcome();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    task.interruptRunner();
                }
                remaining = timeoutNanos - (System.nanoTime() - start);
            }
            if (task.isDone() && !task.wasCancelled()) {
                return task.outcome();
            }
            task.interruptRunner();
            events.emit(EventTypes.DEADLINE_EXCEEDED, "timeout_ms", timeoutMs,
                    "elapsed_ms", (System.nanoTime() - start) / 1_000_000L, "caller_interrupted", interrupted);
            throw DeadlineExceededException.create(events.methodKey(), timeoutMs, declaresIOException, this);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Mutable builder of {@link Deadline}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private final String methodKey;
        private long timeoutMs = 1000;
        private boolean enforce;
        private boolean declaresIOException;
        private boolean synchronizedMethod;
        private PhaseEventSink sink;
        private Clock clock;
        private Executor executor = DeadlineExecutor.shared();

        private Builder(String methodKey) {
            this.methodKey = methodKey;
        }

        /** The limit in milliseconds; default 1000; at least 1. */
        public Builder timeoutMs(long millis) {
            if (millis < 1) {
                throw new IllegalArgumentException("timeoutMs must be at least 1: " + millis);
            }
            this.timeoutMs = millis;
            return this;
        }

        /** Whether to cut calls off (a user-set {@code timeoutMs}) or only record overruns (default: record). */
        public Builder enforce(boolean enforce) {
            this.enforce = enforce;
            return this;
        }

        /** Whether the method declares {@code IOException}; default false. */
        public Builder declaresIOException(boolean declaresIOException) {
            this.declaresIOException = declaresIOException;
            return this;
        }

        /**
         * Whether the method is {@code synchronized} or touches thread-bound state; default false. When true the
         * deadline is never enforced on another thread, only recorded.
         */
        public Builder synchronizedMethod(boolean synchronizedMethod) {
            this.synchronizedMethod = synchronizedMethod;
            return this;
        }

        /** Where decisions go; default {@link PhaseEventSink#NONE}. */
        public Builder events(PhaseEventSink sink) {
            this.sink = sink;
            return this;
        }

        /** Measures recorded deadlines and stamps events; default {@link Clock#SYSTEM}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where enforced attempts run; default {@link DeadlineExecutor#shared()}. For tests. */
        public Builder executor(Executor executor) {
            this.executor = executor == null ? DeadlineExecutor.shared() : executor;
            return this;
        }

        /** The deadline. */
        public Deadline build() {
            return new Deadline(this);
        }
    }
}
