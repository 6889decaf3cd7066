package dev.poet.runtime.validate;

/**
 * One check on one value, with its documented repair. Rules other than {@link Rules#notNull()} accept
 * {@code null} and values they do not apply to (a range on a string): each concern has its own rule. Immutable and
 * thread-safe. Generated code may subclass it anonymously for a domain-specific rule.
 */
public abstract class Rule {

    /** Returned by {@link #repair} when the value cannot be repaired. */
    public static final Object UNREPAIRABLE = new Object() {
        @Override
        public String toString() {
            return "UNREPAIRABLE";
        }
    };

    private final String description;

    /** @param description names the rule and its bounds in events and rejections, e.g. {@code range[0.0, 1.0]} */
    protected Rule(String description) {
        this.description = description;
    }

    /** Whether {@code value} satisfies the rule. Must not throw. */
    public abstract boolean accepts(Object value);

    /**
     * A repaired copy of a value the rule does not accept, or {@link #UNREPAIRABLE}. Never modifies {@code value}
     * itself. Default: unrepairable.
     */
    public Object repair(Object value) {
        return UNREPAIRABLE;
    }

    /** The description given at construction. */
    public final String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
