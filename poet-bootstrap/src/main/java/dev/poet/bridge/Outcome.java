package dev.poet.bridge;

/**
 * What an enhanced call hands back to the inlined exit advice: a value to return or a throwable to throw.
 * A {@code null} outcome from the dispatcher means "run the original body in place".
 */
public final class Outcome {

    /** The value the method returns; ignored for void methods and when {@link #thrown} is set. */
    public final Object value;

    /** The throwable the method throws, exactly the instance the original (or a deliberate phase) threw. */
    public final Throwable thrown;

    private Outcome(Object value, Throwable thrown) {
        this.value = value;
        this.thrown = thrown;
    }

    public static Outcome returning(Object value) {
        return new Outcome(value, null);
    }

    public static Outcome throwing(Throwable thrown) {
        return new Outcome(null, thrown);
    }
}
