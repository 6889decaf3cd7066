package dev.poet.llm.provider;

import java.net.URI;
import java.util.Objects;

import dev.poet.core.config.LlmProvider;

/**
 * Everything a provider needs to send one request. {@link #toString()} masks the key.
 *
 * @param kind             which protocol
 * @param baseUrl          endpoint root, without a trailing slash: the server's root, e.g.
 *                         {@code https://api.openai.com}, or its API root as OpenAI-compatible servers document it,
 *                         e.g. {@code http://127.0.0.1:8000/v1}; {@link #endpoint()} accepts both
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
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        baseUrl = URI.create(url);
    }

    /**
     * The URL requests go to: the base URL and the protocol's path ({@code /v1/chat/completions},
     * {@code /v1/messages}, {@code /api/chat}), its first segment left out when the base URL already ends with it.
     * vLLM, llama.cpp, LM Studio, Ollama's OpenAI-compatible endpoint and OpenAI's own SDKs all document base URLs
     * ending in {@code /v1}; the providers' own roots have none. Both work, with or without a trailing slash.
     */
    public URI endpoint() {
        String path = protocolPath(kind);
        String root = path.substring(0, path.indexOf('/', 1));
        String base = baseUrl.toString();
        String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return URI.create(basePath.endsWith(root) ? base + path.substring(root.length()) : base + path);
    }

    /** {@link #endpoint()} for logs and messages: scheme, host, port and path, never user info or a query. */
    public String endpointForDisplay() {
        URI e = endpoint();
        return e.getScheme() + "://" + e.getHost() + (e.getPort() >= 0 ? ":" + e.getPort() : "") + e.getRawPath();
    }

    /** The protocol's path below the server's root. */
    static String protocolPath(LlmProvider kind) {
        switch (kind) {
            case OPENAI:
                return "/v1/chat/completions";
            case ANTHROPIC:
                return "/v1/messages";
            case OLLAMA:
                return "/api/chat";
            default:
                throw new IllegalArgumentException(String.valueOf(kind));
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
