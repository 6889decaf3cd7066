/**
 * The bootstrap bridge: the few types that instrumented application code and generated enhancements reach.
 *
 * <p>This package, with {@code dev.poet.runtime}, is appended to the bootstrap class path by the agent, so any
 * application class loader sees exactly one copy of it. It depends on nothing but the JDK and the phase
 * runtime. The engine installs itself through {@link dev.poet.bridge.BridgeHooks} and changes what a method's
 * slot holds only through {@link dev.poet.bridge.SlotTable}.
 */
package dev.poet.bridge;
