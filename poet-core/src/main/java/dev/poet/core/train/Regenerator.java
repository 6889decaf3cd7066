package dev.poet.core.train;

/**
 * Receives the orchestrator's requests for a regenerated version. The default ({@link EventRegenerator}) logs
 * and records them; a generating implementation produces a candidate, proves it on replayed executions and
 * promotes it only when it is better. Called on Train's thread; must not throw (what it throws is logged).
 */
@FunctionalInterface
public interface Regenerator {

    void requested(RegenerationRequest request);
}
