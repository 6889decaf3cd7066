package dev.poet.core.metrics;

import java.util.List;

/** Where the figures find the enhanced methods; the engine implements it. */
@FunctionalInterface
public interface EnhancedMethods {

    /** Every method that had an enhancement in this JVM, in no particular order. */
    List<EnhancedMethod> enhancedMethods();
}
