package dev.poet.core.verify;

import dev.poet.bridge.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.poet.bridge.Call;
import dev.poet.bridge.EnhancementError;
import dev.poet.runtime.budget.LoopBudgetExceededError;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.runtime.DeliberateFailure;

/**
 * Runs Perceive and Enforce of a compiled, audited, loop-budgeted enhancement on sample values before it is
 * activated, and rejects it when it:
 * <ul>
 *   <li>does not finish a phase call in time (each sample: {@link VerifierLimits#perSampleTimeoutMs()}, all:
 *   {@link VerifierLimits#totalTimeoutMs()}); the phase runs on its own daemon thread, which is interrupted and,
 *   if it still runs, abandoned;</li>
 *   <li>allocates more than {@link VerifierLimits#allocationBoundBytes()} in one phase call, or fails with
 *   {@code OutOfMemoryError} (caught on the verification thread);</li>
 *   <li>throws anything on a valid sample: an exhausted loop budget, a bug, and also a
 *   {@link DeliberateFailure} on a recorded sample (a validator that rejects what the application really passed
 *   is wrong; a synthesised value may be one the domain refuses on purpose);</li>
 *   <li>returns from Perceive something {@code Call.proceed} would refuse (wrong length, a value not of the
 *   parameter's type, {@code null} for a primitive), or from Enforce a value not of the return type;</li>
 *   <li>for a transparent domain (base): returns arguments not deep-equal to the input (arrays element by element,
 *   collections and maps by value), changes an input object in place, or returns from Enforce a value not equal to
 *   the one it was given (or changes that value in place).</li>
 * </ul>
 * Invalid samples ({@code null}, NaN) may make Perceive throw, but not hang, allocate without bound or run out of
 * loop budget.
 *
 * <p>Calls are made with {@link Call#forVerification}: no receiver ({@code self} is {@code null}) and a
 * {@code proceed} that throws; Operate′ is never run, since it would run the original body. Stateless and
 * thread-safe.
 */
public final class Verifier {

    private final VerifierLimits limits;
    private final SampleSynthesizer synthesizer = new SampleSynthesizer();

    public Verifier() {
        this(VerifierLimits.defaults());
    }

    public Verifier(VerifierLimits limits) {
        this.limits = limits;
    }

    public VerifierLimits limits() {
        return limits;
    }

    /**
     * Verifies on {@code samples} (valid argument arrays), with Enforce samples synthesised from the return type.
     *
     * @param transparentDomain whether the domain promises transparency (base): values must come back unchanged
     */
    public VerificationResult verify(Enhancement enhancement, MethodContext context, List<Object[]> samples,
                                     boolean transparentDomain) {
        List<Object> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (context.isVoid()) {
            results.add(null);
        } else {
            List<Object> values = synthesizer.valuesOf(context.returnType());
            if (values == null || values.isEmpty()) {
                notes.add("enforce not verified: no samples of the return type " + context.returnType().getName());
            } else {
                results.addAll(values);
            }
        }
        return verify(enhancement, context, new SampleSet(samples, results, List.of(), notes, false),
                transparentDomain);
    }

    /** Verifies on a full sample set (valid and invalid arguments, results). */
    public VerificationResult verify(Enhancement enhancement, MethodContext context, SampleSet samples,
                                     boolean transparentDomain) {
        return new Run(enhancement, context, samples, transparentDomain).run();
    }

    /** One verification in progress. */
    private final class Run {
        final Enhancement enhancement;
        final MethodContext context;
        final SampleSet samples;
        final boolean transparent;
        final boolean show;
        final boolean recorded;
        final PhaseRunner runner = new PhaseRunner(limits.loopBudget(), limits.allocationBoundBytes());
        final long totalDeadline;
        final List<String> notes = new ArrayList<>();
        int calls;
        /** Valid argument arrays Perceive ran on (skipped ones, too large to copy, do not count). */
        int validRun;

        Run(Enhancement enhancement, MethodContext context, SampleSet samples, boolean transparent) {
            this.enhancement = enhancement;
            this.context = context;
            this.samples = samples;
            this.transparent = transparent;
            this.show = !samples.recorded();
            this.recorded = samples.recorded();
            this.totalDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.totalTimeoutMs());
            this.notes.addAll(samples.notes());
            if (!Allocation.available()) {
                notes.add("allocation not measured on this JVM");
            }
        }

        VerificationResult run() {
            try {
                return runSamples();
            } finally {
                runner.close();
            }
        }

        private VerificationResult runSamples() {
            int n = Math.max(samples.valid().size(), samples.results().size());
            for (int i = 0; i < n; i++) {
                long sampleDeadline = Math.min(totalDeadline,
                        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.perSampleTimeoutMs()));
                Object[] args = null;
                if (i < samples.valid().size()) {
                    args = samples.valid().get(i);
                    VerificationResult rejected = perceive(i, "valid", args, sampleDeadline, true);
                    if (rejected != null) {
                        return rejected;
                    }
                }
                if (i < samples.results().size()) {
                    String kind = args != null ? "valid" : "result";
                    VerificationResult rejected = enforce(i, kind, args, samples.results().get(i), sampleDeadline);
                    if (rejected != null) {
                        return rejected;
                    }
                }
            }
            for (int i = 0; i < samples.invalid().size(); i++) {
                long sampleDeadline = Math.min(totalDeadline,
                        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.perSampleTimeoutMs()));
                VerificationResult rejected = perceive(i, "invalid", samples.invalid().get(i), sampleDeadline, false);
                if (rejected != null) {
                    return rejected;
                }
            }
            return VerificationResult.passed(calls, notes).on(validRun, recorded);
        }

        private VerificationResult perceive(int index, String kind, Object[] sample, long deadline, boolean valid) {
            Object[] args;
            Object[] before;
            try {
                args = Values.copyAll(sample);
                before = Values.snapshotAll(args);
            } catch (Values.TooLarge e) {
                notes.add(kind + " sample " + index + " skipped: " + e.getMessage());
                return null;
            }
            if (valid) {
                validRun++;
            }
            Object[] inputs = args.clone();
            Call call = Call.forVerification(context, null, args);
            PhaseRunner.Result r = call("perceive", () -> enhancement.perceive(call, args), deadline);
            String failure = failure(r, valid, recorded);
            if (failure != null) {
                return reject(index, kind, "perceive", failure);
            }
            if (!valid) {
                return null;
            }
            Object[] returned = r.value == null ? args : (Object[]) r.value;
            String wrong = checkArguments(returned);
            if (wrong != null) {
                return reject(index, kind, "perceive", wrong);
            }
            if (transparent) {
                for (int i = 0; i < inputs.length; i++) {
                    if (!Values.deepEquals(inputs[i], before[i])) {
                        return reject(index, kind, "perceive", "changed argument " + i + " (" + context.parameterName(i)
                                + ") in place: " + Values.describe(before[i], show) + " -> "
                                + Values.describe(inputs[i], show));
                    }
                    if (!Values.deepEquals(returned[i], before[i]) || !sameClass(returned[i], inputs[i])) {
                        return reject(index, kind, "perceive", "changed argument " + i + " (" + context.parameterName(i)
                                + "): " + Values.describe(before[i], show) + " -> "
                                + Values.describe(returned[i], show));
                    }
                }
            }
            return null;
        }

        private VerificationResult enforce(int index, String kind, Object[] sampleArgs, Object sampleResult,
                                           long deadline) {
            Object result;
            Object before;
            Object[] args;
            try {
                result = Values.copy(sampleResult);
                before = Values.snapshot(result);
                args = sampleArgs != null ? Values.copyAll(sampleArgs) : new Object[context.parameterCount()];
            } catch (Values.TooLarge e) {
                notes.add("result " + index + " skipped: " + e.getMessage());
                return null;
            }
            Call call = Call.forVerification(context, null, args);
            PhaseRunner.Result r = call("enforce", () -> enhancement.enforce(call, result), deadline);
            String failure = failure(r, true, samples.resultsRecorded());
            if (failure != null) {
                return reject(index, kind, "enforce", failure);
            }
            if (!context.isVoid() && !fitsReturnType(r.value)) {
                return reject(index, kind, "enforce", "returned " + typeOf(r.value) + " for a method returning "
                        + context.returnType().getName());
            }
            if (transparent && !context.isVoid()) {
                if (!Values.deepEquals(result, before)) {
                    return reject(index, kind, "enforce", "changed the result in place: "
                            + Values.describe(before, show) + " -> " + Values.describe(result, show));
                }
                if (!Values.deepEquals(r.value, before) || !sameClass(r.value, result)) {
                    return reject(index, kind, "enforce", "changed the result: " + Values.describe(before, show)
                            + " -> " + Values.describe(r.value, show));
                }
            }
            return null;
        }

        private PhaseRunner.Result call(String phase, PhaseRunner.Body body, long deadline) {
            calls++;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                PhaseRunner.Result r = new PhaseRunner.Result();
                r.aborted = "verification ran out of its total time of " + limits.totalTimeoutMs() + " ms";
                return r;
            }
            PhaseRunner.Result r = runner.run(phase, body, left, limits.perSampleTimeoutMs());
            if (r.aborted != null && deadline == totalDeadline) {
                r.aborted += "; verification ran out of its total time of " + limits.totalTimeoutMs() + " ms";
            }
            return r;
        }

        /** Why a phase call fails verification, or {@code null}. */
        private String failure(PhaseRunner.Result r, boolean valid, boolean realValue) {
            if (r.aborted != null) {
                return r.aborted;
            }
            if (r.allocated > limits.allocationBoundBytes()) {
                return "allocated " + PhaseRunner.megabytes(r.allocated) + ", more than the bound of "
                        + PhaseRunner.megabytes(limits.allocationBoundBytes());
            }
            Throwable t = r.thrown;
            if (t == null) {
                return null;
            }
            if (t instanceof OutOfMemoryError) {
                return "ran out of memory (" + t + ")";
            }
            if (valid) {
                if (t instanceof DeliberateFailure && !realValue) {
                    // A synthesised value is only plausible, not known to be valid: a domain may refuse it on
                    // purpose (a negative income). A value the application really passed must not be refused.
                    return null;
                }
                return (t instanceof DeliberateFailure ? "deliberately rejected a valid sample: " : "threw ") + t;
            }
            // On an invalid sample an exception is fine, but not a hang in disguise or a broken JVM state.
            if (t instanceof VirtualMachineError || t instanceof EnhancementError
                    || t instanceof LoopBudgetExceededError) {
                return "threw " + t;
            }
            return null;
        }

        private String checkArguments(Object[] args) {
            int n = context.parameterCount();
            if (args.length != n) {
                return "returned " + args.length + " arguments, the method takes " + n;
            }
            for (int i = 0; i < n; i++) {
                Class<?> type = context.parameterType(i);
                Object arg = args[i];
                if (arg == null ? type.isPrimitive() : !Types.box(type).isInstance(arg)) {
                    return "returned " + typeOf(arg) + " for argument " + i + " (" + context.parameterName(i)
                            + "), expected " + type.getName();
                }
            }
            return null;
        }

        private boolean fitsReturnType(Object value) {
            Class<?> declared = context.returnType();
            return value == null ? !declared.isPrimitive() : Types.box(declared).isInstance(value);
        }

        private VerificationResult reject(int index, String kind, String phase, String reason) {
            return VerificationResult.rejected(index, kind, phase, reason, calls, notes).on(validRun, recorded);
        }
    }

    private static boolean sameClass(Object a, Object b) {
        return a == null || b == null || a.getClass() == b.getClass();
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

}
