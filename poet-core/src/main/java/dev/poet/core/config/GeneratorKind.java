package dev.poet.core.config;

/** Which generator writes enhancements ({@code poet.generator}; default {@link #TEMPLATE}). */
public enum GeneratorKind {
    /** The embedded domain templates: offline and deterministic. */
    TEMPLATE,
    /** A large language model configured by {@code poet.llm.*}. */
    LLM
}
