package dev.poet.bridge.record;

/** What happened in one enhanced call besides its outcome; bits of {@code Call.flags()}. */
public final class ExecutionFlags {

    /** A Perceive or Enforce rule was broken (reported, repaired or rejected). */
    public static final int VIOLATION = 1;
    /** An argument or result was changed by the domain (a repair, a clamp, a cleaned sample). */
    public static final int REPAIR = 1 << 1;
    /** The call was refused on purpose (an input rejected, breaker open, deadline exceeded). */
    public static final int REJECTED = 1 << 2;
    /** Someone saw this execution's id (generated code, a result map, the facade): its event is always written. */
    public static final int ID_EXPOSED = 1 << 3;
    /** The original ran more than once (a retry). */
    public static final int RETRIED = 1 << 4;
    /**
     * The duration was measured with {@code System.nanoTime}; without it, it comes from the coarse clock
     * ({@link dev.poet.runtime.time.CoarseClock}) and is only good to about a millisecond.
     */
    public static final int PRECISE_DURATION = 1 << 5;
    /** The method has {@code optimize-for}: CPU time and allocation were read (when the JVM can), inputs copied. */
    public static final int MEASURED = 1 << 6;

    private ExecutionFlags() {
    }
}
