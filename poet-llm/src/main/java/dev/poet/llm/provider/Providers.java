package dev.poet.llm.provider;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the provider for {@link ProviderSettings#kind()}. */
public final class Providers {

    private Providers() {
    }

    /**
     * A provider with its own HTTP client. The client's threads are daemons: an agent must never keep the
     * application's JVM alive.
     */
    public static ChatProvider create(ProviderSettings settings, RateLimiter rateLimiter) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "poet-llm-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder()
                // HTTP/1.1: local OpenAI-compatible servers rarely speak h2c, and the upgrade dance costs a request.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.max(1, Math.min(settings.requestTimeoutMs(), 10_000))))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        switch (settings.kind()) {
            case OPENAI:
                return new OpenAiProvider(settings, http, rateLimiter);
            case ANTHROPIC:
                return new AnthropicProvider(settings, http, rateLimiter);
            case OLLAMA:
                return new OllamaProvider(settings, http, rateLimiter);
            default:
                throw new IllegalArgumentException("unknown provider " + settings.kind());
        }
    }
}
