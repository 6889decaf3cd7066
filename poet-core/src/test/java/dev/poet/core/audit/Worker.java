package dev.poet.core.audit;

/** An application type with dangerous ancestry, for policy tests: its own members are fine, Thread's are not. */
public class Worker extends Thread {

    /** An application method generated code may call. */
    public int compute() {
        return 42;
    }
}
