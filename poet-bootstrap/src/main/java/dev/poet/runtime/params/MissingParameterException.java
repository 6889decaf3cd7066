package dev.poet.runtime.params;

/**
 * A parameter an enhancement needs is absent from its {@link Params} snapshot, or cannot be read as the type it
 * needs. Each parameter's default lives once, in its template's {@code template.properties}, which the engine
 * merges into every method's snapshot; a snapshot without it is a template or configuration mistake, never a
 * reason to fall back to a value written somewhere else. Thrown while an enhancement is built (the method then
 * runs its original code) and when a swapped snapshot is derived ({@link Derived} keeps the previous values and
 * emits {@value dev.poet.runtime.event.EventTypes#PARAMS_REJECTED}).
 */
public final class MissingParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /** @param problem e.g. {@code "is missing"} or {@code "is not a number: 'x'"} */
    public MissingParameterException(String key, String problem) {
        super("parameter '" + key + "' " + problem
                + " (every parameter's default belongs in its template's template.properties)");
        this.key = key;
    }

    /** The parameter's name. */
    public String key() {
        return key;
    }
}
