package dev.poet.llm.provider;

import java.net.URI;
import java.util.Objects;

import dev.poet.core.config.LlmProvider;

/**
 * Everything a provider needs to send one request. {@link #toString()} masks the key.
 *
 * @param kind             which protocol
 * @param baseUrl          endpoint root, without a trailing slash, e.g. {@code https://api.openai.com}
 * @param model            model name
 * @param apiKey           the key; may be absent (Ollama, local servers)
 * @param requestTimeoutMs time-out of one HTTP request ({@code poet.llm.timeout-ms})
 * @param maxTokens        {@code poet.llm.max-tokens}
 * @param temperature      {@code poet.llm.temperature}
 * @param maxAnswerChars   {@code poet.llm.max-answer-chars}
 * @param maxAttempts      HTTP requests per answer, first included
 * @param backoffInitialMs first backoff delay; doubled per retry, capped at {@code backoffMaxMs}, full jitter
 * @param backoffMaxMs     upper bound of one backoff delay (a {@code Retry-After} may ask for more, within the
 *                         total time-out)
 */
public record ProviderSettings(LlmProvider kind, URI baseUrl, String model, Secret apiKey, long requestTimeoutMs,
                               int maxTokens, double temperature, int maxAnswerChars, int maxAttempts,
                               long backoffInitialMs, long backoffMaxMs) {

    /** HTTP requests per answer unless told otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final long DEFAULT_BACKOFF_INITIAL_MS = 500;
    public static final long DEFAULT_BACKOFF_MAX_MS = 8_000;

    public ProviderSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        apiKey = apiKey == null ? Secret.none() : apiKey;
        String url = baseUrl.toString();
        if (url.endsWith("/")) {
            baseUrl = URI.create(url.substring(0, url.length() - 1));
        }
    }

    /** The provider's public endpoint, used when {@code poet.llm.base-url} is not set. */
    public static URI defaultBaseUrl(LlmProvider kind) {
        switch (kind) {
            case OPENAI:
                return URI.create("https://api.openai.com");
            case ANTHROPIC:
                return URI.create("https://api.anthropic.com");
            case OLLAMA:
                return URI.create("http://localhost:11434");
            default:
                throw new IllegalArgumentException(String.valueOf(kind));
        }
    }

    /** A copy with other retry timings (tests use short ones). */
    public ProviderSettings withBackoff(int maxAttempts, long backoffInitialMs, long backoffMaxMs) {
        return new ProviderSettings(kind, baseUrl, model, apiKey, requestTimeoutMs, maxTokens, temperature,
                maxAnswerChars, maxAttempts, backoffInitialMs, backoffMaxMs);
    }
}
