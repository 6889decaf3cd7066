package dev.poet.runtime.retry;

/**
 * Says whether a returned value is a failure worth retrying (an empty page, a "try later" status object).
 * Generated code may implement it with an anonymous class.
 */
public interface ResultPredicate {

    /** Whether to retry after {@code result} was returned; must not throw. */
    boolean shouldRetry(Object result);
}
