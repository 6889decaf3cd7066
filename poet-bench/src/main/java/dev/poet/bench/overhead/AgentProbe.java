package dev.poet.bench.overhead;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Slots;

/**
 * Looks at the bridge's slots (the bridge is on the bootstrap path when the agent runs, so this sees the agent's
 * copy) to prove what state a benchmark target is in before measurement starts.
 */
public final class AgentProbe {

    private AgentProbe() {
    }

    /** True when the agent put the bridge on the bootstrap class path (otherwise we see our own copy). */
    public static boolean agentPresent() {
        return Slots.class.getClassLoader() == null;
    }

    /** Where the engine behind the bridge was loaded from (should be the agent jar, not the class path). */
    public static String engineLocation() {
        Object hooks = dev.poet.bridge.Dispatcher.hooks();
        if (hooks == null) {
            return "(no engine)";
        }
        java.security.CodeSource source = hooks.getClass().getProtectionDomain().getCodeSource();
        return hooks.getClass().getName() + " @ " + (source == null ? "?" : source.getLocation());
    }

    /** How many slots still say "undiscovered" (instrumented methods of classes not called yet). */
    public static int undiscovered() {
        int n = 0;
        for (int i = 0; i < Slots.CAPACITY; i++) {
            if (Slots.SLOTS.get(i) == Slots.UNDISCOVERED) {
                n++;
            }
        }
        return n;
    }

    /** How many slots hold an active enhancement of a method of {@code className}. */
    public static int active(String className) {
        int n = 0;
        for (int i = 0; i < Slots.CAPACITY; i++) {
            Object slot = Slots.SLOTS.get(i);
            if (slot instanceof ActiveMethod && ((ActiveMethod) slot).context().className().equals(className)) {
                n++;
            }
        }
        return n;
    }

    /** Active enhancements of any class. */
    public static int activeTotal() {
        int n = 0;
        for (int i = 0; i < Slots.CAPACITY; i++) {
            if (Slots.SLOTS.get(i) instanceof ActiveMethod) {
                n++;
            }
        }
        return n;
    }
}
