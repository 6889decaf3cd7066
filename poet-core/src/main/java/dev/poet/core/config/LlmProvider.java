package dev.poet.core.config;

/** The LLM protocol spoken to {@code poet.llm.base-url} ({@code poet.llm.provider}; no default). */
public enum LlmProvider {
    /** Any OpenAI-compatible chat-completions server. */
    OPENAI,
    /** Anthropic's messages API. */
    ANTHROPIC,
    /** A local Ollama server. */
    OLLAMA
}
