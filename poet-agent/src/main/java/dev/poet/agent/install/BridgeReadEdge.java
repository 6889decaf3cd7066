package dev.poet.agent.install;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

import dev.poet.bridge.Slots;

/**
 * Lets a named module read the bridge before one of its classes is woven. The entry hook refers to the bridge's
 * classes, which live in the bootstrap loader's unnamed module; a named module does not read that module
 * unless told to, and its woven methods would throw {@code IllegalAccessError} on their first call.
 * Class-path classes are in unnamed modules, which read every module already.
 */
final class BridgeReadEdge {

    private final Instrumentation instrumentation;
    private final Module bridge = Slots.class.getModule();

    BridgeReadEdge(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** Adds the read edge from {@code module} (null when the JVM does not say) to the bridge if it is missing. */
    void assure(Module module) {
        if (module != null && module.isNamed() && !module.canRead(bridge)
                && instrumentation.isModifiableModule(module)) {
            instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
