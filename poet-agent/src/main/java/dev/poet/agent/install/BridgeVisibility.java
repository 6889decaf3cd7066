package dev.poet.agent.install;

import java.util.Map;
import java.util.WeakHashMap;

import dev.poet.bridge.Slots;
import dev.poet.core.log.PoetLog;

/**
 * Whether a class loader resolves the bootstrap bridge to our copy. Some module systems (OSGi, JBoss Modules)
 * hide the bootstrap path; instrumenting their classes would throw {@code NoClassDefFoundError} inside the
 * application, so they are skipped with one log line per loader.
 */
final class BridgeVisibility {

    private final Map<ClassLoader, Boolean> verdicts = new WeakHashMap<>();

    synchronized boolean sees(ClassLoader loader) {
        if (loader == null) {
            return true;
        }
        Boolean known = verdicts.get(loader);
        if (known != null) {
            return known;
        }
        boolean visible;
        try {
            visible = Class.forName(Slots.class.getName(), false, loader) == Slots.class;
        } catch (ClassNotFoundException | LinkageError e) {
            visible = false;
        }
        if (!visible) {
            PoetLog.warn("class loader " + loader + " does not see the POET bridge; its classes are not enhanced");
        }
        verdicts.put(loader, visible);
        return visible;
    }
}
