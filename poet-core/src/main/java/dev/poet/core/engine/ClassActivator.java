package dev.poet.core.engine;

import java.util.List;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.FailureReporter;

/** Turns the instrumented methods of one live class into active enhancements. Runs on a generator thread. */
public interface ClassActivator {

    /**
     * @param reporter where each returned method reports its own failures at run time
     * @return the methods whose enhancement is ready to be put in their slot; a method that failed is absent
     *         (and its failure logged with the reason)
     */
    List<ActiveMethod> activate(Class<?> type, List<MethodRegistry.Registered> methods, FailureReporter reporter);

    /**
     * Stores the versions of what {@link #activate} returned, after the slots are set: calls do not wait for the
     * disk. A version that cannot be stored keeps running from memory.
     */
    void persist(List<ActiveMethod> active);

    /** A version was quarantined after repeated failures; record it so it is not reused. */
    void quarantined(ActiveMethod method, String reason);

    /**
     * The engine hands over its slot replacement, through which an activator that produces a better version of an
     * already active method later (in the background) puts it in place. Called once, before any activation.
     */
    default void replacementsThrough(ActiveReplacement engine) {
    }

    /**
     * An orderly exit: background work not started is dropped; what runs may finish and store its versions within
     * {@code millis}, then is interrupted.
     */
    default void shutdown(long millis) {
    }

    /**
     * The methods the last {@link #activate} calls left waiting for recorded samples (absent from what they
     * returned), each reported once. Generator thread.
     */
    default List<AwaitingSamples> takeAwaitingSamples() {
        return List.of();
    }

    /**
     * Keeps a bounded copy of the arguments of a call of a waiting method, on the caller's thread before the
     * original runs. Never throws, never waits.
     *
     * @return how many calls are now kept for the method; -1 when this one was not kept
     */
    default int record(int methodId, Object[] args) {
        return -1;
    }

    /**
     * Verifies the waiting version of {@code methodId} on its recorded calls and forgets them. Generator thread.
     *
     * @return the method to put in its slot, or {@code null} (rejected, or verified on nothing): the original runs
     */
    default ActiveMethod finishRecording(int methodId) {
        return null;
    }

    /**
     * For a method with {@code optimize-for} that {@link #activate} (or {@link #finishRecording}) returned: its
     * configured parameters and explicit keys; {@code null} for any other.
     */
    default TrainingFacts trainingFacts(int methodId) {
        return null;
    }
}
