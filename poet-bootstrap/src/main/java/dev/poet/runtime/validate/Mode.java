package dev.poet.runtime.validate;

/** What a {@link Validator} does about a violation. Every violation emits an event, whatever the mode. */
public enum Mode {
    /** Emit an event; the value passes unchanged. The base domain's mode (transparency). */
    REPORT,
    /** Emit an event and return the rule's documented repair (a new value); unrepairable values pass unchanged. */
    REPAIR,
    /** Emit an event and throw {@link InputRejectedException} naming the parameter and the rule. */
    REJECT;

    /**
     * The mode named {@code name} ({@code report}, {@code repair}, {@code reject}; any case), or {@code fallback}
     * when {@code name} is null or unknown; for modes read from parameters.
     */
    public static Mode parse(String name, Mode fallback) {
        if (name != null) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        return fallback;
    }
}
