/**
 * The phase runtime: the building blocks generated enhancements call (retry, budget, circuit breaker, deadline,
 * validators, parameters, events). Packaged into the bootstrap bridge, so it depends on the JDK only, and its API
 * stays inside the Java subset Janino compiles (no lambdas needed to call it).
 */
package dev.poet.runtime;
