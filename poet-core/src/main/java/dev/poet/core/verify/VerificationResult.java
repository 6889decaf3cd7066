package dev.poet.core.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of verifying one version: passed, or rejected at one sample and phase with a reason. Either way it
 * lists what could not be verified (no samples for a parameter type, for instance).
 */
public final class VerificationResult {

    private final boolean passed;
    private final int sampleIndex;
    private final String sampleKind;
    private final String phase;
    private final String reason;
    private final int samplesRun;
    private final List<String> notes;
    private int validSamples;
    private boolean recorded;

    private VerificationResult(boolean passed, int sampleIndex, String sampleKind, String phase, String reason,
                               int samplesRun, List<String> notes) {
        this.passed = passed;
        this.sampleIndex = sampleIndex;
        this.sampleKind = sampleKind;
        this.phase = phase;
        this.reason = reason;
        this.samplesRun = samplesRun;
        this.notes = Collections.unmodifiableList(new ArrayList<>(notes));
    }

    static VerificationResult passed(int samplesRun, List<String> notes) {
        return new VerificationResult(true, -1, null, null, null, samplesRun, notes);
    }

    static VerificationResult rejected(int sampleIndex, String sampleKind, String phase, String reason,
                                       int samplesRun, List<String> notes) {
        return new VerificationResult(false, sampleIndex, sampleKind, phase, reason, samplesRun, notes);
    }

    /** Sets what Perceive was verified on: {@code validSamples} argument arrays, recorded or synthesised. */
    VerificationResult on(int validSamples, boolean recorded) {
        this.validSamples = validSamples;
        this.recorded = recorded;
        return this;
    }

    public boolean isPassed() {
        return passed;
    }

    /** The index of the sample the version was rejected on, within its kind; -1 when it passed. */
    public int sampleIndex() {
        return sampleIndex;
    }

    /** {@code "valid"}, {@code "invalid"} or {@code "result"} (an Enforce sample); {@code null} when passed. */
    public String sampleKind() {
        return sampleKind;
    }

    /** {@code "perceive"} or {@code "enforce"}; {@code null} when passed. */
    public String phase() {
        return phase;
    }

    /** Why the version was rejected; {@code null} when it passed. */
    public String reason() {
        return reason;
    }

    /** How many phase calls ran. */
    public int samplesRun() {
        return samplesRun;
    }

    /**
     * Valid argument arrays synthesised from the signature that Perceive ran on (and passed, up to the rejecting
     * one); 0 when the samples were recorded.
     */
    public int synthesisedSamples() {
        return recorded ? 0 : validSamples;
    }

    /** Valid argument arrays recorded from real calls that Perceive ran on; 0 when they were synthesised. */
    public int recordedSamples() {
        return recorded ? validSamples : 0;
    }

    /**
     * Whether Perceive ran on no valid input at all although the method takes arguments: the version was verified
     * on nothing that the application could pass, and must not be activated on this result.
     */
    public boolean verifiedOnNothing(int parameterCount) {
        return parameterCount > 0 && validSamples == 0;
    }

    /** What could not be verified. */
    public List<String> notes() {
        return notes;
    }

    /**
     * One line: {@code "valid sample 3, perceive: changed argument 0 (name): \" padded \" -> \"padded\""}, or
     * {@code "passed (12 phase calls; perceive not verified: ...)"}.
     */
    public String describe() {
        String rest = notes.isEmpty() ? "" : "; " + String.join("; ", notes);
        if (passed) {
            return "passed (" + samplesRun + " phase calls" + rest + ")";
        }
        return sampleKind + " sample " + sampleIndex + ", " + phase + ": " + reason;
    }

    @Override
    public String toString() {
        return describe();
    }
}
