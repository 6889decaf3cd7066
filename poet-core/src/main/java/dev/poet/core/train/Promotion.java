package dev.poet.core.train;

/**
 * A regenerated version that was made current, as the orchestrator watches it.
 *
 * @param methodKey the method key
 * @param previous  the version it replaced (restored when it is undone)
 * @param version   the promoted version
 * @param eventId   id of its {@code version.promoted} event (the cause of a {@code version.rolled_back}); may be null
 */
public record Promotion(String methodKey, String previous, String version, String eventId) {
}
