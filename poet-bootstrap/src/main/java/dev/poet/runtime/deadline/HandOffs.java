package dev.poet.runtime.deadline;

/**
 * Tells the layer below the runtime that the work of the call running on this thread is about to be handed to
 * another thread (an enforced deadline's worker), which may keep using it after the call has returned. The bridge
 * listens so that it never recycles per-thread objects such an abandoned attempt can still reach.
 *
 * <p>One listener, set once before any enhanced call; {@code null} means nobody listens.
 */
public final class HandOffs {

    private static volatile Runnable listener;

    private HandOffs() {
    }

    /** Installs the listener called on the handing thread before each hand-off. */
    public static void listen(Runnable onHandOff) {
        listener = onHandOff;
    }

    /** Called on the caller's thread just before its attempt goes to another thread; never throws. */
    static void handingOff() {
        Runnable l = listener;
        if (l != null) {
            try {
                l.run();
            } catch (Throwable ignored) {
                // The listener only sets a flag; whatever it throws must not fail the call.
            }
        }
    }
}
