package dev.poet.bridge;

/**
 * A generated enhancement of one method: Perceive, Operate′ and Enforce. Implementations are generated (from a
 * domain template or by an LLM), compiled with Janino, audited and verified before they are activated; they have a
 * public constructor taking the {@link MethodContext}.
 *
 * <p>The dispatcher runs the phases in order. Whatever an enhancement throws that is neither an exception of the
 * original body nor a {@link dev.poet.runtime.DeliberateFailure} is our own failure: before the original ran, the
 * original runs instead; after it ran, its own outcome is returned unchanged.
 */
public interface Enhancement {

    /**
     * Looks at (and, where the domain says so, repairs) the arguments.
     *
     * @param call the call in progress
     * @param args the arguments, boxed; a fresh array the enhancement may change in place
     * @return the arguments Operate′ passes to the original, usually {@code args} itself
     */
    Object[] perceive(Call call, Object[] args) throws Throwable;

    /**
     * Runs the original through {@link Call#proceed(Object[])} with reliability around it (retry, breaker,
     * deadline, fallback).
     *
     * @return the result to hand to {@link #enforce}; {@code null} for void methods
     */
    Object operate(Call call, Object[] args) throws Throwable;

    /**
     * Checks (and, where the domain says so, standardises) the result.
     *
     * @return the value the caller receives; it must be of the method's return type
     */
    Object enforce(Call call, Object result) throws Throwable;
}
