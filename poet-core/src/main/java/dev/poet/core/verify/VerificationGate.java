package dev.poet.core.verify;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;
import dev.poet.runtime.event.PhaseEvent;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * The verification step of activation (DESIGN §6, step 3), as the pipeline uses it: picks the samples (recorded
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
