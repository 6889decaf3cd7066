package dev.poet.core.verify;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * The verification step of activation (after compile and audit, before store and activate), as the pipeline uses
 * it: picks the samples (recorded
 * from real calls when the {@link SampleRecorder} has any for the method, else synthesised from its signature)
 * and runs the {@link Verifier}. The base domain is the transparent one.
 */
public final class VerificationGate {

    /** The domain whose enhancements must return every value unchanged. */
    public static final String TRANSPARENT_DOMAIN = "base";

    private final SampleRecorder recorder;
    private final SampleSynthesizer synthesizer = new SampleSynthesizer();
    private final Verifier verifier;

    /** Default limits, recording on. */
    public VerificationGate() {
        this(new SampleRecorder(), new Verifier());
    }

    public VerificationGate(SampleRecorder recorder, Verifier verifier) {
        this.recorder = recorder;
        this.verifier = verifier;
    }

    /** Where the engine records real calls' arguments, see {@link SampleRecorder}. */
    public SampleRecorder samples() {
        return recorder;
    }

    /** Verifies {@code enhancement}, constructed with {@code context}, of {@code method}. */
    public VerificationResult verify(Enhancement enhancement, MethodContext context, Method method) {
        SampleSet samples = recorder.samples(context.id(), method.getReturnType());
        if (samples == null) {
            samples = synthesizer.synthesize(method);
        }
        return verifier.verify(enhancement, context, samples, isTransparent(context.domain()));
    }

    /**
     * Verifies a reused stored version, or accepts it without running it when running it again could only repeat
     * the verdict it already has. That is the case when all of these hold:
     * <ul>
     *   <li>{@code verifiedWhenStored}: the version was activated before, which only ever happens after it passed
     *   verification (the caller derives this from its stored status);</li>
     *   <li>the enhancement is built from the very bytes that passed, for the very same method and settings: the
     *   caller reuses a version only when its class bytes pass their checksum and its identity (the original
     *   method's bytecode hash, its template version and the configuration fingerprint, parameters included)
     *   is unchanged, and the loop budget it gets is injected into those bytes as before;</li>
     *   <li>the samples would be the same: none were recorded for this method in this JVM, so they would again
     *   be synthesised from its signature, which is part of the method's key.</li>
     * </ul>
     * Otherwise (real samples recorded, or never verified) the verifier runs as for fresh code. The audit of the
     * stored bytes is not covered here and must still run on every reuse.
     */
    public VerificationResult verifyReused(Enhancement enhancement, MethodContext context, Method method,
                                           boolean verifiedWhenStored) {
        if (verifiedWhenStored && recorder.samples(context.id(), method.getReturnType()) == null) {
            return VerificationResult.passed(0, List.of("reused: passed verification when stored; bytes, identity"
                    + " and samples unchanged"));
        }
        return verify(enhancement, context, method);
    }

    /**
     * Verifies {@code enhancement} on the calls recorded for it only (the method had no synthesisable sample),
     * with Enforce samples synthesised from the return type where it has any (recorded calls carry no results:
     * the original ran them outside any enhancement). With nothing recorded the result is
     * {@link VerificationResult#verifiedOnNothing verified on nothing}.
     */
    public VerificationResult verifyRecorded(Enhancement enhancement, MethodContext context, Method method) {
        SampleSet recorded = recorder.samples(context.id(), method.getReturnType());
        List<Object[]> valid = recorded == null ? List.of() : recorded.valid();
        List<String> notes = new ArrayList<>();
        if (recorded == null) {
            notes.add("perceive not verified: no call could be recorded");
        }
        List<Object> results = new ArrayList<>();
        if (method.getReturnType() == void.class) {
            results.add(null);
        } else {
            List<Object> values = synthesizer.valuesOf(method.getGenericReturnType());
            if (values == null || values.isEmpty()) {
                notes.add("enforce not verified: no samples of the return type " + method.getReturnType().getName());
            } else {
                results.addAll(values);
            }
        }
        return verifier.verify(enhancement, context, new SampleSet(valid, results, List.of(), notes, true, false),
                isTransparent(context.domain()));
    }

    /** Whether {@code domain} promises transparency. */
    public static boolean isTransparent(String domain) {
        return TRANSPARENT_DOMAIN.equals(domain);
    }

    /**
     * Wraps a method's event sink so that events emitted while its enhancement is being verified are dropped: they
     * are about sample values, not the application's calls, and must not count as its violations.
     */
    public static PhaseEventSink muted(PhaseEventSink sink) {
        return new PhaseEventSink() {
            @Override
            public void emit(PhaseEvent event) {
                if (!VerificationThread.isCurrent()) {
                    sink.emit(event);
                }
            }
        };
    }
}
