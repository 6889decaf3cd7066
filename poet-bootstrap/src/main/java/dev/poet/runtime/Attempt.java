package dev.poet.runtime;

/**
 * One try of the guarded operation. Generated code implements it with an anonymous class (Janino compiles
 * those; it does not compile lambdas).
 */
public interface Attempt {

    /** Runs the operation once; whatever it throws is classified by the caller. */
    Object run() throws Throwable;
}
