package dev.poet.bridge;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Placed in a method's slot under {@code poet.activation=eager} while its enhancement is being generated; calls
 * that find it wait (bounded) until the engine replaces it with the active method or clears it.
 */
public final class PendingActivation {

    private final String declaringClass;
    private final CountDownLatch done = new CountDownLatch(1);

    public PendingActivation(String declaringClass) {
        this.declaringClass = declaringClass;
    }

    /** The binary name of the class whose method waits; a call from its static initialiser must not wait. */
    public String declaringClass() {
        return declaringClass;
    }

    /** Releases every waiting call; the slot has been updated before. */
    public void complete() {
        done.countDown();
    }

    /** Waits at most {@code timeoutMillis}; true when activation finished (either way). */
    public boolean await(long timeoutMillis) throws InterruptedException {
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
