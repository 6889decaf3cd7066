package dev.poet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method, or every declared non-private method of a class, to be routed through a generated
 * Perceive → Operate′ → Enforce enhancement when the application runs with {@code -javaagent:poet-agent.jar}.
 *
 * <p>Without the agent the annotation does nothing. Values left at their defaults fall back to the domain's
 * defaults; configuration for the same method ({@code poet.method.<class>.<method>.<key>}) wins over the
 * annotation.
 *
 * <p>Constructors, abstract, native, bridge and synthetic methods are never enhanced.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Poet {

    /** The domain template that shapes the enhancement: {@code base} (transparent) unless set. */
    String domain() default "";

    /** The objective learning optimises for ({@code accuracy}, {@code latency}, ...); empty turns Train off. */
    String optimizeFor() default "";

    /**
     * Total attempts, the first call included: {@code 1} means no retry. {@code -1} takes the domain default
     * (3 for {@code base}).
     */
    int retries() default -1;

    /**
     * A deadline in milliseconds enforced on another thread; {@code -1} means none (a domain's default deadline
     * only records overruns).
     */
    long timeoutMs() default -1;

    /**
     * Whether running the body again is harmless. {@code false} disables retries for this method whatever
     * {@link #retries()} says.
     */
    boolean idempotent() default true;
}
