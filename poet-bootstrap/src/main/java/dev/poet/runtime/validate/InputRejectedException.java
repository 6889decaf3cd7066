package dev.poet.runtime.validate;

import dev.poet.runtime.DeliberateFailure;

/**
 * Thrown on purpose by a {@link Validator} in {@link Mode#REJECT}: an {@link IllegalArgumentException}, which is
 * what callers already expect from a method given a bad argument. Names the parameter and the rule.
 */
public final class InputRejectedException extends IllegalArgumentException implements DeliberateFailure {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String rule;

    /**
     * @param methodKey the method
     * @param parameter the parameter's name ({@code result} for a result)
     * @param rule      the rule's description, e.g. {@code range[0.0, 1.0]}
     */
    public InputRejectedException(String methodKey, String parameter, String rule) {
        super("POET rejected " + parameter + " of " + methodKey + ": violates " + rule);
        this.parameter = parameter;
        this.rule = rule;
    }

    /** The parameter's name ({@code result} for a result). */
    public String parameter() {
        return parameter;
    }

    /** The rule's description. */
    public String rule() {
        return rule;
    }
}
