package dev.poet.core.engine;

/**
 * A method whose version passed every check but verification had no sample of its arguments: it may be activated
 * only after verification on recorded calls. The engine puts a {@code Recording} in its slot.
 *
 * @param methodId the method's slot
 * @param samples  recorded calls to verify on
 */
public record AwaitingSamples(int methodId, int samples) {
}
