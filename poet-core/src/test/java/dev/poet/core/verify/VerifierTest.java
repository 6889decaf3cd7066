package dev.poet.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.Call;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.runtime.DeliberateFailure;
import dev.poet.runtime.budget.LoopBudget;
import dev.poet.runtime.event.PhaseEvent;

import static org.assertj.core.api.Assertions.assertThat;

class VerifierTest {

    /** Transparent in every phase; tests override one. */
    static class Identity implements Enhancement {
        public Object[] perceive(Call call, Object[] args) throws Throwable {
            return args;
        }

        public Object operate(Call call, Object[] args) throws Throwable {
            return call.proceed(args);
        }

        public Object enforce(Call call, Object result) throws Throwable {
            return result;
        }
    }

    static final class Rejected extends RuntimeException implements DeliberateFailure {
        Rejected() {
            super("rejected on purpose");
        }
    }

    private final Verifier verifier = new Verifier();
    private final SampleSynthesizer synthesizer = new SampleSynthesizer();

    private VerificationResult verify(Enhancement e, String method, boolean transparent) {
        return verify(verifier, e, method, transparent);
    }

    private VerificationResult verify(Verifier v, Enhancement e, String method, boolean transparent) {
        MethodContext ctx = Target.context(method, transparent ? "base" : "repair");
        return v.verify(e, ctx, synthesizer.synthesize(Target.method(method)), transparent);
    }

    @Test
    void fileParametersAreSampled() {
        Enhancement replaces = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                args[0] = "replaced";
                return args;
            }
        };
        VerificationGate gate = new VerificationGate();
        VerificationResult r = gate.verify(replaces, Target.context("work", "base"), Target.method("work"));
        assertThat(r.describe()).contains("changed argument 0");
    }

    @Test
    void transparentEnhancementPasses() {
        VerificationResult r = verify(new Identity(), "greet", true);
        assertThat(r.isPassed()).as(r.describe()).isTrue();
        assertThat(r.samplesRun()).isGreaterThan(5);
        assertThat(r.describe()).startsWith("passed");
    }

    @Test
    void theSimpleOverloadSynthesisesResults() {
        MethodContext ctx = Target.context("greet", "base");
        List<Object[]> samples = new ArrayList<>();
        samples.add(new Object[] {"x", 1, new ArrayList<>(List.of("t"))});
        VerificationResult r = verifier.verify(new Identity(), ctx, samples, true);
        assertThat(r.isPassed()).as(r.describe()).isTrue();
        assertThat(r.samplesRun()).isGreaterThan(2);
    }

    @Test
    void trimmingAnArgumentIsCaughtInTheBaseDomainOnly() {
        Enhancement trims = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                args[0] = ((String) args[0]).trim();
                return args;
            }
        };
        VerificationResult r = verify(trims, "greet", true);
        assertThat(r.isPassed()).isFalse();
        assertThat(r.phase()).isEqualTo("perceive");
        assertThat(r.describe()).contains("valid sample").contains("changed argument 0")
                .contains("\" padded \" -> \"padded\"");
        // A repairing domain may change arguments.
        assertThat(verify(trims, "greet", false).isPassed()).isTrue();
    }

    @Test
    void changingAnInputInPlaceIsCaught() {
        Enhancement clears = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                ((List<?>) args[2]).clear();
                return args;
            }
        };
        VerificationResult r = verify(clears, "greet", true);
        assertThat(r.describe()).contains("changed argument 2").contains("in place");
    }

    @Test
    void changingTheResultIsCaught() {
        Enhancement rounds = new Identity() {
            @Override
            public Object enforce(Call call, Object result) {
                return Math.floor((Double) result);
            }
        };
        VerificationResult r = verify(rounds, "half", true);
        assertThat(r.isPassed()).isFalse();
        assertThat(r.phase()).isEqualTo("enforce");
        assertThat(r.describe()).contains("changed the result").contains("0.5 -> 0.0");
    }

    @Test
    void wrongTypesAreCaughtInEveryDomain() {
        Enhancement badArgs = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                return new Object[] {"x", "not an int", args[2]};
            }
        };
        assertThat(verify(badArgs, "greet", false).describe()).contains("for argument 1").contains("expected int");
        Enhancement badResult = new Identity() {
            @Override
            public Object enforce(Call call, Object result) {
                return "text";
            }
        };
        assertThat(verify(badResult, "half", false).describe()).contains("returned java.lang.String")
                .contains("returning double");
    }

    @Test
    void throwingOnAValidSampleIsRejectedDeliberateOrNot() {
        Enhancement npe = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                if (((String) args[0]).isEmpty()) {
                    throw new IllegalStateException("empty");
                }
                return args;
            }
        };
        assertThat(verify(npe, "greet", false).describe()).contains("valid sample 0, perceive: threw")
                .contains("IllegalStateException: empty");
        Enhancement rejects = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                throw new Rejected();
            }
        };
        // A synthesised value may be one the domain refuses on purpose; a value the application passed may not.
        assertThat(verify(rejects, "greet", false).isPassed()).isTrue();
        MethodContext ctx = Target.context("greet", "repair");
        SampleSet synthesised = synthesizer.synthesize(Target.method("greet"));
        SampleSet recorded = new SampleSet(synthesised.valid(), synthesised.results(), java.util.List.of(),
                java.util.List.of(), true);
        assertThat(verifier.verify(rejects, ctx, recorded, false).describe())
                .contains("deliberately rejected a valid sample");
    }

    @Test
    void throwingOnAnInvalidSampleIsFine() {
        Enhancement strict = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                if (args[0] == null) {
                    throw new Rejected();
                }
                return args;
            }
        };
        assertThat(verify(strict, "greet", true).isPassed()).isTrue();
    }

    @Test
    void proceedIsRefused() {
        Enhancement runsOriginal = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) throws Throwable {
                call.proceed(args);
                return args;
            }
        };
        assertThat(verify(runsOriginal, "greet", false).describe())
                .contains("proceed is not available during verification");
    }

    @Test
    void exhaustedLoopBudgetIsRejected() {
        Enhancement spins = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                while (true) {
                    LoopBudget.tick(); // what the injector adds to every backward branch
                }
            }
        };
        long start = System.nanoTime();
        VerificationResult r = verify(spins, "greet", false);
        assertThat(r.describe()).contains("loop budget");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void aSleepIsInterruptedAtTheTimeout() {
        AtomicInteger interrupted = new AtomicInteger();
        Enhancement sleeps = new Identity() {
            @Override
            public Object enforce(Call call, Object result) throws Throwable {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
                return result;
            }
        };
        Verifier quick = new Verifier(new VerifierLimits(300, 2_000, 64L << 20, LoopBudget.DEFAULT_BUDGET));
        long start = System.nanoTime();
        VerificationResult r = verify(quick, sleeps, "half", true);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.phase()).isEqualTo("enforce");
        assertThat(r.describe()).contains("did not finish within 300 ms (interrupted)");
        assertThat(tookMs).isLessThan(1_500);
        assertThat(interrupted).hasValue(1);
    }

    @Test
    void anUnstoppableSpinIsAbandonedAtTheTimeout() throws Exception {
        Object lock = new Object();
        Enhancement blocks = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                synchronized (lock) { // a monitor the audit cannot deny, held elsewhere: not interruptible
                    return args;
                }
            }
        };
        Verifier quick = new Verifier(new VerifierLimits(300, 2_000, 64L << 20, LoopBudget.DEFAULT_BUDGET));
        int abandonedBefore = PhaseRunner.abandoned();
        VerificationResult r;
        long start = System.nanoTime();
        synchronized (lock) {
            r = verify(quick, blocks, "greet", true);
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.describe()).contains("did not finish within 300 ms (its thread was abandoned)");
        assertThat(tookMs).isLessThan(1_500);
        assertThat(PhaseRunner.abandoned()).isGreaterThan(abandonedBefore);
    }

    @Test
    void theTotalTimeIsBounded() {
        Enhancement slow = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                long end = System.nanoTime() + 150_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return args;
            }
        };
        Verifier quick = new Verifier(new VerifierLimits(1_000, 400, 64L << 20, LoopBudget.DEFAULT_BUDGET));
        long start = System.nanoTime();
        VerificationResult r = verify(quick, slow, "greet", false);
        assertThat(r.isPassed()).isFalse();
        assertThat(r.describe()).contains("total time of 400 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_500);
    }

    @Test
    void aHugeArrayIsRejectedWithoutHarm() {
        Enhancement huge = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                long[] big = new long[Integer.MAX_VALUE / 2];
                big[0] = 1;
                return args;
            }
        };
        VerificationResult r = verify(huge, "greet", false);
        assertThat(r.isPassed()).isFalse();
        assertThat(r.describe()).containsAnyOf("ran out of memory", "allocated");
    }

    @Test
    void allocationBeyondTheBoundIsRejected() {
        Enhancement hoards = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                List<byte[]> keep = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    keep.add(new byte[1 << 20]);
                }
                return keep.isEmpty() ? null : args;
            }
        };
        Verifier tight = new Verifier(new VerifierLimits(2_000, 10_000, 8L << 20, LoopBudget.DEFAULT_BUDGET));
        VerificationResult r = verify(tight, hoards, "greet", false);
        assertThat(r.isPassed()).isFalse();
        assertThat(r.describe()).contains("allocated").contains("8 MB");
    }

    @Test
    void recordedValuesAreNotShown() {
        Enhancement trims = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                args[0] = ((String) args[0]).trim();
                return args;
            }
        };
        SampleRecorder recorder = new SampleRecorder();
        MethodContext ctx = Target.context("greet", "base");
        recorder.record(ctx.id(), new Object[] {" Jane Doe ", 1, new ArrayList<>(List.of("vip"))}, "x");
        VerificationResult r = verifier.verify(trims, ctx, recorder.samples(ctx.id(), String.class), true);
        assertThat(r.describe()).contains("changed argument 0").contains("String(10 chars) -> String(8 chars)")
                .doesNotContain("Jane");
    }

    @Test
    void theGateMutesEventsFromVerificationAndPicksRecordedSamples() {
        List<PhaseEvent> seen = new ArrayList<>();
        MethodContext ctx = Target.context("greet", "base", VerificationGate.muted(seen::add));
        Enhancement reports = new Identity() {
            @Override
            public Object[] perceive(Call call, Object[] args) {
                call.context().events().emit(new PhaseEvent("perceive.violation", "k", 0L, java.util.Map.of()));
                return args;
            }
        };
        VerificationGate gate = new VerificationGate();
        VerificationResult r = gate.verify(reports, ctx, Target.method("greet"));
        assertThat(r.isPassed()).as(r.describe()).isTrue();
        assertThat(seen).isEmpty();
        ctx.events().emit(new PhaseEvent("perceive.violation", "k", 0L, java.util.Map.of()));
        assertThat(seen).hasSize(1);

        gate.samples().record(ctx.id(), new Object[] {"only", 1, new ArrayList<>()}, "r");
        VerificationResult recorded = gate.verify(reports, ctx, Target.method("greet"));
        assertThat(recorded.samplesRun()).isEqualTo(2);
    }
}
