package dev.poet.core.train;

import java.util.Map;
import java.util.Optional;

/**
 * Receives the orchestrator's requests for a regenerated version. {@link EventRegenerator} logs and records
 * them; a generating implementation produces a candidate, proves it on replayed executions and
 * promotes it only when it is better. Called on Train's thread; must not throw (what it throws is logged).
 */
@FunctionalInterface
public interface Regenerator {

    void requested(RegenerationRequest request);

    /**
     * Answers {@code request}; the promotion when a new version was made current (the orchestrator then watches
     * it), else empty. By default only {@link #requested}.
     */
    default Optional<Promotion> regenerate(RegenerationRequest request) {
        requested(request);
        return Optional.empty();
    }

    /**
     * Undoes {@code promotion} because the live measure got worse: its previous version is current again.
     *
     * @param evidence what the watch saw: {@code measure_before}, {@code measure_after}, {@code evidence}
     * @return false when nothing was undone (the version is no longer the running one, or none was promoted)
     */
    default boolean rollBack(Promotion promotion, Map<String, Object> evidence) {
        return false;
    }
}
