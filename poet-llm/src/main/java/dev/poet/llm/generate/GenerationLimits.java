package dev.poet.llm.generate;

/**
 * Bounds of the generator as a whole.
 *
 * @param totalTimeoutMs {@code poet.llm.total-timeout-ms}: one generation, waiting for a slot, HTTP retries and
 *                       repair turns included
 * @param repairTurns    {@code poet.llm.repair-turns}: how often a rejection is sent back
 * @param maxConcurrent  {@code poet.llm.max-concurrent}: generations talking to the model at once
 * @param retryDelayMs   {@code poet.llm.retry-delay-ms}: the wait before a method whose generation failed is asked
 *                       again (the pipeline doubles it per further failure)
 */
public record GenerationLimits(long totalTimeoutMs, int repairTurns, int maxConcurrent, long retryDelayMs) {

    /** The default wait of {@code poet.llm.retry-delay-ms}. */
    public static final long DEFAULT_RETRY_DELAY_MS = 60_000;

    public GenerationLimits {
        if (totalTimeoutMs < 1 || repairTurns < 0 || maxConcurrent < 1 || retryDelayMs < 0) {
            throw new IllegalArgumentException(
                    "totalTimeoutMs >= 1, repairTurns >= 0, maxConcurrent >= 1, retryDelayMs >= 0");
        }
    }

    public GenerationLimits(long totalTimeoutMs, int repairTurns, int maxConcurrent) {
        this(totalTimeoutMs, repairTurns, maxConcurrent, DEFAULT_RETRY_DELAY_MS);
    }
}
