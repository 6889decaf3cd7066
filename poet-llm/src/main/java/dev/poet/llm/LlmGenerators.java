package dev.poet.llm;

import java.util.Optional;

import dev.poet.core.config.PoetConfig;
import dev.poet.core.generate.SourceGenerator;

/** Builds the LLM source generator that {@code poet.generator=llm} and the {@code poet.llm.*} keys describe. */
public final class LlmGenerators {

    private LlmGenerators() {
    }

    /**
     * The configured generator, or empty when none can be built (no provider configured, or this version has no
     * providers yet); the caller then uses templates and says so in one log line.
     */
    public static Optional<SourceGenerator> fromConfig(PoetConfig config) {
        return Optional.empty();
    }
}
