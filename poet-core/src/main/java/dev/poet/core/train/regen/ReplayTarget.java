package dev.poet.core.train.regen;

import dev.poet.bridge.Enhancement;
import dev.poet.bridge.MethodContext;

/**
 * A fresh instance of one version's enhancement for replay, constructed with a context of its own whose phase
 * decisions go nowhere: replay never touches the running instance, its counters or the event log.
 *
 * @param version the stored version it is
 */
public record ReplayTarget(String version, Enhancement enhancement, MethodContext context) {
}
