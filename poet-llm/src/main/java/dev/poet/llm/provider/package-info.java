/**
 * The wire protocols of the LLM providers (OpenAI-compatible chat completions, Anthropic messages, Ollama chat)
 * over {@code java.net.http}, with the request discipline every provider shares: per-request and total time-outs,
 * retries with exponential backoff that honour {@code Retry-After}, a request rate limit, a bound on the size of
 * an answer, and an API key that never leaves the {@code Authorization}/{@code x-api-key} header.
 */
package dev.poet.llm.provider;
