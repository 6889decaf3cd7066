package dev.poet.runtime;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * The default {@link FailureClassifier}: a failure is transient when it is an instance of one of the "retry on"
 * types and of none of the "never" types. Whatever the lists say, these are never transient:
 * <ul>
 *   <li>{@link Error}s (out of memory, stack overflow, linkage: repeating makes things worse);</li>
 *   <li>programming errors: {@link IllegalArgumentException}, {@link NullPointerException},
 *       {@link IllegalStateException}, {@link ClassCastException}, {@link ArithmeticException},
 *       {@link IndexOutOfBoundsException}, {@link UnsupportedOperationException}, {@link ArrayStoreException},
 *       {@link NegativeArraySizeException} — the same input fails the same way again;</li>
 *   <li>{@link DeliberateFailure}s: POET's own decisions (breaker open, deadline exceeded, input rejected) are
 *       final, even when they are {@code IOException}s.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class TransientFailures implements FailureClassifier {

    /** The default "retry on" types: I/O ({@link IOException} and subclasses) and time-outs. */
    @SuppressWarnings("rawtypes")
    public static final Class[] DEFAULT_RETRY_ON = {IOException.class, TimeoutException.class,
            SocketTimeoutException.class};

    private static final Class<?>[] PROGRAMMING_ERRORS = {IllegalArgumentException.class,
            NullPointerException.class, IllegalStateException.class, ClassCastException.class,
            ArithmeticException.class, IndexOutOfBoundsException.class, UnsupportedOperationException.class,
            ArrayStoreException.class, NegativeArraySizeException.class};

    /** I/O and time-outs are transient, nothing is excluded beyond the built-in never list. */
    public static final TransientFailures DEFAULT = new TransientFailures(DEFAULT_RETRY_ON, new Class[0]);

    private final Class<?>[] retryOn;
    private final Class<?>[] never;

    /**
     * @param retryOn types (and their subclasses) that are transient; {@code null} means {@link #DEFAULT_RETRY_ON}
     * @param never   types (and their subclasses) that are never transient; wins over {@code retryOn};
     *                {@code null} means none beyond the built-in list
     */
    @SuppressWarnings("rawtypes")
    public TransientFailures(Class[] retryOn, Class[] never) {
        this.retryOn = (retryOn == null ? DEFAULT_RETRY_ON : retryOn).clone();
        this.never = never == null ? new Class<?>[0] : never.clone();
    }

    /** Whether {@code t} is one of the types that are never retried, whatever the configuration. */
    public static boolean isNeverTransient(Throwable t) {
        if (t instanceof Error || t instanceof DeliberateFailure) {
            return true;
        }
        return instanceOfAny(t, PROGRAMMING_ERRORS);
    }

    @Override
    public boolean isTransient(Throwable failure) {
        if (failure == null || isNeverTransient(failure) || instanceOfAny(failure, never)) {
            return false;
        }
        return instanceOfAny(failure, retryOn);
    }

    private static boolean instanceOfAny(Throwable t, Class<?>[] types) {
        for (Class<?> type : types) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
