package dev.poet.core.engine;

import dev.poet.bridge.ActiveMethod;

/** The engine's one way to swap the version in an active method's slot for another; see {@link PoetEngine}. */
@FunctionalInterface
public interface ActiveReplacement {

    /**
     * Puts {@code replacement} in the slot of {@code current}'s method if, and only if, the slot still holds
     * {@code current} (compare-and-set: a version quarantined meanwhile is not resurrected by its successor).
     *
     * @return whether the slot now holds {@code replacement}
     */
    boolean replaceActive(ActiveMethod current, ActiveMethod replacement);

    /** Until an engine is attached: nothing is replaced. */
    ActiveReplacement NONE = (current, replacement) -> false;
}
