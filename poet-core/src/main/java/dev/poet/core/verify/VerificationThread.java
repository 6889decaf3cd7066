package dev.poet.core.verify;

/**
 * The daemon thread one phase call of a verification runs on. A thread of its own, so that a version that hangs
 * can be left behind (interrupted, then abandoned: the JDK cannot stop a spinning thread) without blocking
 * activation, and so that its allocation can be measured alone.
 */
final class VerificationThread extends Thread {

    VerificationThread(Runnable task, String name) {
        super(null, task, name, 0);
        setDaemon(true);
        // Generated code must not see or keep the activating thread's loader through the context.
        setContextClassLoader(null);
        // The task catches everything itself; nothing reaches the application's stderr through the default handler.
        setUncaughtExceptionHandler((t, e) -> { });
    }

    /** Whether the current thread runs a verification (its phase events are not the application's). */
    static boolean isCurrent() {
        return Thread.currentThread() instanceof VerificationThread;
    }
}
