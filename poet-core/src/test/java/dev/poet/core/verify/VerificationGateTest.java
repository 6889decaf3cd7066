package dev.poet.core.verify;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.Call;
import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;

import static org.assertj.core.api.Assertions.assertThat;

/** When a reused stored version is run by the verifier again, and when its earlier verdict stands. */
class VerificationGateTest {

    /** Breaks transparency (a base-domain rule) and counts how often the verifier ran it. */
    static final class Changing extends VerifierTest.Identity {
        final AtomicInteger perceived = new AtomicInteger();

        @Override
        public Object[] perceive(Call call, Object[] args) {
            perceived.incrementAndGet();
            args[0] = "changed";
            return args;
        }
    }

    @Test
    void aReusedVersionThatPassedWhenStoredIsNotRunAgainWithoutRecordedSamples() {
        VerificationGate gate = new VerificationGate();
        Changing enhancement = new Changing();

        VerificationResult r = gate.verifyReused(enhancement, Target.context("greet", "base"), Target.method("greet"),
                true);

        assertThat(r.isPassed()).as(r.describe()).isTrue();
        assertThat(r.samplesRun()).isZero();
        assertThat(r.notes()).anyMatch(n -> n.contains("passed verification when stored"));
        assertThat(enhancement.perceived).hasValue(0);
    }

    @Test
    void aReusedVersionNeverVerifiedIsVerifiedLikeFreshCode() {
        Changing enhancement = new Changing();

        VerificationResult r = new VerificationGate().verifyReused(enhancement, Target.context("greet", "base"),
                Target.method("greet"), false);

        assertThat(r.isPassed()).isFalse();
        assertThat(r.describe()).contains("changed argument 0");
        assertThat(enhancement.perceived.get()).isPositive();
    }

    @Test
    void recordedSamplesMakeAReusedVersionBeVerifiedAgainOnThem() {
        VerificationGate gate = new VerificationGate();
        MethodContext context = Target.context("greet", "base");
        gate.samples().record(context.id(), new Object[] {"ann", 2, new java.util.ArrayList<>(java.util.List.of("t"))},
                "ann ann");
        Changing enhancement = new Changing();

        VerificationResult r = gate.verifyReused(enhancement, context, Target.method("greet"), true);

        assertThat(r.isPassed()).isFalse();
        assertThat(enhancement.perceived.get()).isPositive();
    }

    @Test
    void verifyingAFreshEnhancementIsUnchanged() {
        Enhancement identity = new VerifierTest.Identity();

        VerificationResult r = new VerificationGate().verify(identity, Target.context("greet", "base"),
                Target.method("greet"));

        assertThat(r.isPassed()).as(r.describe()).isTrue();
        assertThat(r.samplesRun()).isPositive();
    }
}
