package dev.poet.runtime;

/**
 * Marks an exception that POET throws on purpose (breaker open, deadline exceeded, input rejected), as opposed
 * to a failure of POET itself. The dispatcher lets such exceptions reach the application; any other exception
 * raised by an enhancement (and not thrown by the original body) is treated as our own failure and fails open.
 */
public interface DeliberateFailure {
}
