package dev.poet.llm.generate;

/**
 * Bounds of the generator as a whole.
 *
 * @param totalTimeoutMs {@code poet.llm.total-timeout-ms}: one generation, waiting for a slot, HTTP retries and
 *                       repair turns included
 * @param repairTurns    {@code poet.llm.repair-turns}: how often a rejection is sent back
 * @param maxConcurrent  {@code poet.llm.max-concurrent}: generations talking to the model at once
 */
public record GenerationLimits(long totalTimeoutMs, int repairTurns, int maxConcurrent) {

    public GenerationLimits {
        if (totalTimeoutMs < 1 || repairTurns < 0 || maxConcurrent < 1) {
            throw new IllegalArgumentException("totalTimeoutMs >= 1, repairTurns >= 0, maxConcurrent >= 1");
        }
    }
}
