package dev.poet.bridge.record;

/**
 * How much the bridge records of each call of one method, fixed when its context is built. Every call through an
 * active enhancement is recorded (outcome, attempts, a coarse duration); a method with {@code optimize-for} is
 * <em>measured</em> as well: its duration is always precise, the calling thread's CPU time and allocated bytes are
 * read around it, and, unless inputs are off, its arguments and result are copied for replay.
 */
public final class RecordingPolicy {

    /** A method without {@code optimize-for}: recorded, not measured. */
    public static final RecordingPolicy NONE = new RecordingPolicy(null, false);

    private final String optimizeFor;
    private final boolean recordInputs;

    private RecordingPolicy(String optimizeFor, boolean recordInputs) {
        this.optimizeFor = optimizeFor;
        this.recordInputs = recordInputs;
    }

    /**
     * @param optimizeFor  the method's {@code optimize-for} objective, or {@code null}/blank for none
     * @param recordInputs whether inputs may be recorded at all ({@code poet.record.inputs}); only methods with an
     *                     objective record them
     */
    public static RecordingPolicy of(String optimizeFor, boolean recordInputs) {
        if (optimizeFor == null || optimizeFor.trim().isEmpty()) {
            return NONE;
        }
        return new RecordingPolicy(optimizeFor.trim(), recordInputs);
    }

    /** The objective, or {@code null} when the method has none. */
    public String optimizeFor() {
        return optimizeFor;
    }

    /** Whether the method has an objective: precise duration, CPU time and allocation on every call. */
    public boolean measured() {
        return optimizeFor != null;
    }

    /** Whether the arguments and result of every call are copied for replay. */
    public boolean recordsInputs() {
        return optimizeFor != null && recordInputs;
    }

    @Override
    public String toString() {
        return optimizeFor == null ? "recorded" : "measured(" + optimizeFor + (recordInputs ? ", inputs)" : ")");
    }
}
