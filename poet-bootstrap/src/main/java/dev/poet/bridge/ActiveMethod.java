package dev.poet.bridge;

import java.lang.invoke.MethodHandle;

import dev.poet.runtime.time.CoarseClock;
import dev.poet.bridge.record.ExecutionBuffer;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.bridge.record.ExecutionRecord;
import dev.poet.bridge.record.RecordingPolicy;
import dev.poet.bridge.record.ThreadCosts;
import dev.poet.bridge.record.ValueSnapshot;
import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.budget.LoopBudget;

/**
 * An activated enhancement of one method: what its slot holds while it is active. Runs one call through
 * P → O′ → E and decides, whenever something of ours fails, whether the original runs in place or its own outcome
 * is returned; reports such failures to the {@link FailureReporter} it was built with.
 */
public final class ActiveMethod {

    private final MethodContext context;
    private final Enhancement enhancement;
    private final Original original;
    private final FailureReporter reporter;
    private volatile String version;
    private final Class<?> boxedReturnType;
    private final RecordingPolicy recording;
    /** When this method's inputs were last copied (coarse clock milliseconds); racy on purpose, see measured(). */
    private volatile long inputsCopiedAtMillis = Long.MIN_VALUE / 2;

    /** At most one copy of a method's arguments and result per this many milliseconds. */
    public static final long INPUTS_INTERVAL_MS = 1;

    /**
     * @param original the exact original implementation, adapted to {@code (Object self, Object[] args)Object}
     *                 (for static methods {@code self} is ignored); never a virtual call that could reach an
     *                 override
     * @param version  the stored version this enhancement is, e.g. {@code v3}
     * @param reporter where this method's own failures are reported
     */
    public ActiveMethod(MethodContext context, Enhancement enhancement, MethodHandle original, String version,
                        FailureReporter reporter) {
        this.context = context;
        this.enhancement = enhancement;
        this.original = new Original(context, original);
        this.reporter = reporter == null ? FailureReporter.NONE : reporter;
        this.version = version;
        this.boxedReturnType = Types.box(context.returnType());
        this.recording = context.recording();
    }

    /**
     * An active method that reports its own failures to nobody (they are still counted in its stats): for
     * harnesses that run enhancements without an engine.
     */
    public ActiveMethod(MethodContext context, Enhancement enhancement, MethodHandle original, String version) {
        this(context, enhancement, original, version, FailureReporter.NONE);
    }

    public MethodContext context() {
        return context;
    }

    public Enhancement enhancement() {
        return enhancement;
    }

    /** The stored version's name, e.g. {@code v3}; {@code pending} until it is stored. */
    public String version() {
        return version;
    }

    /** Records the version's name once it is stored (activation does not wait for the disk). */
    public void storedAs(String storedVersion) {
        this.version = storedVersion;
    }

    /**
     * Runs one call. Returns {@code null} when the original must run in place (our failure before it ran),
     * otherwise the outcome the caller receives.
     *
     * <p>When an {@link ExecutionBuffer} is installed, every call is recorded into it, our own fallbacks included
     * (see {@link ExecutionRecord} for what their duration covers). The start is read from the {@link CoarseClock};
     * the duration too, except for one call in {@link ExecutionBuffer#PRECISE_EVERY} and every call of a method with
     * {@code optimize-for}, which are timed with {@code System.nanoTime}. Methods with {@code optimize-for} also
     * read the calling thread's allocated bytes around every call, and its CPU time around at most one call per
     * thread per {@link ThreadCosts#CPU_SAMPLE_INTERVAL_MS} ms (work an attempt did on a deadline worker thread is
     * in neither), and copy arguments and result as JSON for at most one call per method per
     * {@value #INPUTS_INTERVAL_MS} ms — every call of a method called fewer than a thousand times a second.
     */
    Outcome invoke(Object self, Object[] args) {
        ThreadState thread = ThreadState.get();
        return invoke(new Call(original, self, thread.nextExecution()), args, thread);
    }

    /**
     * {@link #invoke} for the entry hook, with {@code args} from {@link Dispatcher#arguments(int)}: the call object
     * and the argument array are the thread's own and are taken back when the call is over, unless its work went
     * to another thread. The entry hook reads the outcome before this thread can start another enhanced call.
     */
    Outcome dispatched(Object self, Object[] args) {
        ThreadState thread = ThreadState.get();
        Call call = thread.newCall(original, self);
        try {
            return invoke(call, args, thread);
        } finally {
            boolean handedOff = call.handedOff();
            thread.returnArguments(args, handedOff);
            thread.releaseCall(call);
        }
    }

    private Outcome invoke(Call call, Object[] args, ThreadState thread) {
        ExecutionBuffer buffer = ExecutionBuffer.global();
        if (buffer == null) {
            return execute(call, args, thread);
        }
        if (recording.measured()) {
            return measured(call, args, thread, buffer);
        }
        long startMillis = CoarseClock.millis();
        boolean precise = (call.executionNumber() & (ExecutionBuffer.PRECISE_EVERY - 1)) == 0;
        long startNanos = precise ? System.nanoTime() : 0L;
        Outcome outcome = execute(call, args, thread);
        long duration = precise ? System.nanoTime() - startNanos
                : (CoarseClock.millis() - startMillis) * 1_000_000L;
        publish(buffer, call, outcome, thread, startMillis, duration,
                precise ? ExecutionFlags.PRECISE_DURATION : 0, -1L, -1L, null, null);
        return outcome;
    }

    /** {@link #invoke} for a method with {@code optimize-for}: precise, with CPU, allocation and inputs. */
    private Outcome measured(Call call, Object[] args, ThreadState thread, ExecutionBuffer buffer) {
        long startMillis = CoarseClock.millis();
        // Copying costs a fast method more than its own time, and the store keeps only the newest few per method:
        // beyond one call a millisecond a copy buys nothing. Two threads may both copy in one millisecond.
        boolean inputs = recording.recordsInputs() && startMillis - inputsCopiedAtMillis >= INPUTS_INTERVAL_MS;
        if (inputs) {
            inputsCopiedAtMillis = startMillis;
        }
        // Copied before the call: the original may change the arguments it was given.
        String arguments = inputs ? snapshotArguments(args) : null;
        boolean cpuTurn = startMillis - thread.cpuSampledAtMillis >= ThreadCosts.CPU_SAMPLE_INTERVAL_MS;
        if (cpuTurn) {
            thread.cpuSampledAtMillis = startMillis;
        }
        long cpu = cpuTurn ? ThreadCosts.cpuNanos() : -1L;
        long bytes = ThreadCosts.allocatedBytes();
        long startNanos = System.nanoTime();
        Outcome outcome = execute(call, args, thread);
        long duration = System.nanoTime() - startNanos;
        long cpuAfter = cpu < 0 ? -1L : ThreadCosts.cpuNanos();
        long bytesAfter = bytes < 0 ? -1L : ThreadCosts.allocatedBytes();
        String result = inputs && outcome != null && outcome.thrown == null && !context.isVoid()
                ? snapshot(outcome.value) : null;
        publish(buffer, call, outcome, thread, startMillis, duration,
                ExecutionFlags.PRECISE_DURATION | ExecutionFlags.MEASURED,
                cpuAfter < 0 ? -1L : cpuAfter - cpu, bytesAfter < 0 ? -1L : bytesAfter - bytes, arguments, result);
        return outcome;
    }

    /** P → O′ → E with the re-entry guard set and the call current; counts what happened in the method's stats. */
    private Outcome execute(Call call, Object[] args, ThreadState thread) {
        MethodStats stats = context.stats();
        stats.calls.increment();
        thread.fallbackCause = null;
        int id = context.id();
        thread.push(id);
        Call previous = thread.call;
        thread.call = call;
        Outcome outcome;
        // Generated code counts its backward branches; past the budget it throws our own error and fails open.
        long outerBudget = LoopBudget.begin(LoopBudget.DEFAULT_BUDGET);
        try {
            outcome = run(call, args, thread);
        } finally {
            LoopBudget.end(outerBudget);
            thread.call = previous;
            thread.pop(id);
        }
        int attempts = call.attempts();
        if (attempts > 1) {
            stats.retries.add(attempts - 1);
        }
        if (outcome != null && outcome.thrown != null) {
            if (outcome.thrown instanceof DeliberateFailure && !call.thrownByOriginal(outcome.thrown)) {
                stats.deliberateFailures.increment();
            } else {
                stats.failuresPassedThrough.increment();
            }
        }
        return outcome;
    }

    /** Hands the call's record to the buffer; a full buffer drops and counts it. Never throws. */
    private void publish(ExecutionBuffer buffer, Call call, Outcome outcome, ThreadState thread, long startMillis,
                         long durationNanos, int extraFlags, long cpuNanos, long allocatedBytes, String arguments,
                         String result) {
        try {
            int flags = call.flags() | extraFlags;
            int attempts = call.attempts();
            if (attempts > 1) {
                flags |= ExecutionFlags.RETRIED;
            }
            Throwable cause = thread.fallbackCause;
            int status;
            Throwable error;
            if (cause != null) {
                thread.fallbackCause = null;
                status = ExecutionRecord.FALLBACK;
                error = cause;
            } else if (outcome != null && outcome.thrown != null) {
                status = ExecutionRecord.FAILURE;
                error = outcome.thrown;
            } else {
                status = ExecutionRecord.SUCCESS;
                error = null;
            }
            buffer.offer(context.id(), call.executionNumber(), startMillis, durationNanos, status, attempts, flags,
                    error, cpuNanos, allocatedBytes, arguments, result);
        } catch (Throwable ignored) {
            // A lost record must not become the application's problem.
        }
    }

    private static String snapshotArguments(Object[] args) {
        try {
            return ValueSnapshot.ofArguments(args);
        } catch (Throwable t) {
            return null;
        }
    }

    private static String snapshot(Object value) {
        try {
            return ValueSnapshot.of(value);
        } catch (Throwable t) {
            return null;
        }
    }

    private Outcome run(Call call, Object[] args, ThreadState thread) {
        Object[] perceived;
        try {
            perceived = enhancement.perceive(call, args);
            if (perceived == null) {
                perceived = args;
            }
        } catch (Throwable t) {
            if (isDeliberate(t, call)) {
                return call.finishThrowing(t);
            }
            return ownFailure(call, thread, "perceive", t);
        }
        Object result;
        try {
            call.operating(perceived);
            result = enhancement.operate(call, perceived);
        } catch (Throwable t) {
            if (call.thrownByOriginal(t) || isDeliberate(t, call)) {
                return call.finishThrowing(t);
            }
            return ownFailure(call, thread, "operate", t);
        }
        Object enforced;
        try {
            enforced = enhancement.enforce(call, result);
        } catch (Throwable t) {
            if (isDeliberate(t, call)) {
                return call.finishThrowing(t);
            }
            return ownFailure(call, thread, "enforce", t);
        }
        if (!fitsReturnType(enforced)) {
            return ownFailure(call, thread, "enforce", new EnhancementError("enforce returned "
                    + (enforced == null ? "null" : enforced.getClass().getName()) + " for a method returning "
                    + context.returnType().getName()));
        }
        return call.finishReturning(enforced);
    }

    private static boolean isDeliberate(Throwable t, Call call) {
        return t instanceof DeliberateFailure && !call.thrownByOriginal(t);
    }

    private Outcome ownFailure(Call call, ThreadState thread, String phase, Throwable t) {
        context.stats().ownFailures.increment();
        thread.fallbackCause = t;
        report(phase, t);
        // Before the original ran, it runs now (in place); after, its own outcome stands: never twice.
        return call.originalRan() ? call.finishAsTheOriginalDid() : null;
    }

    /** Tells the reporter about our own failure in {@code phase}; never throws. */
    void report(String phase, Throwable t) {
        try {
            reporter.ownFailure(this, phase, t);
        } catch (Throwable ignored) {
            // Reporting a failure must not become one.
        }
    }

    private boolean fitsReturnType(Object value) {
        Class<?> declared = context.returnType();
        if (declared == void.class) {
            return true;
        }
        if (value == null) {
            return !declared.isPrimitive();
        }
        return boxedReturnType.isInstance(value);
    }

}
