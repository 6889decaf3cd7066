package dev.poet.bridge;

/**
 * What an enhanced call hands back to the entry hook: a value to return or a throwable to throw.
 * A {@code null} outcome from the dispatcher means "run the original body in place".
 *
 * <p>An enhanced call is its own outcome ({@link Call} extends this class), so that a call allocates one object
 * for both. The fields are therefore set when the call finishes, not when this object is built; they are public
 * because the entry hook, woven into application classes, reads them directly. Only the bridge writes them:
 * generated code may not name this type (the audit's allow-list), and engine code never receives one to fill.
 */
public class Outcome {

    /** The value the method returns; ignored for void methods and when {@link #thrown} is set. */
    public Object value;

    /** The throwable the method throws, exactly the instance the original (or a deliberate phase) threw. */
    public Throwable thrown;

    Outcome() {
    }

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
