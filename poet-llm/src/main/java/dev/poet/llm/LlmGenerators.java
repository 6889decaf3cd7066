package dev.poet.llm;

import java.net.URI;
import java.util.Optional;

import dev.poet.core.config.ConfigKeys;
import dev.poet.core.config.LlmProvider;
import dev.poet.core.config.PoetConfig;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.log.PoetLog;
import dev.poet.llm.generate.GenerationLimits;
import dev.poet.llm.generate.LlmSourceGenerator;
import dev.poet.llm.prompt.PromptBuilder;
import dev.poet.llm.provider.ChatProvider;
import dev.poet.llm.provider.ProviderSettings;
import dev.poet.llm.provider.Providers;
import dev.poet.llm.provider.RateLimiter;
import dev.poet.llm.provider.Secret;

/** Builds the LLM source generator that {@code poet.generator=llm} and the {@code poet.llm.*} keys describe. */
public final class LlmGenerators {

    private LlmGenerators() {
    }

    /**
     * The configured generator, or empty when none can be built (no provider, no model, a malformed base URL);
     * each reason is logged once, and the caller then uses templates.
     */
    public static Optional<SourceGenerator> fromConfig(PoetConfig config) {
        Optional<LlmProvider> kind = config.llmProvider();
        if (kind.isEmpty()) {
            PoetLog.warn(ConfigKeys.LLM_PROVIDER + " is not set (openai, anthropic or ollama)");
            return Optional.empty();
        }
        String name = kind.get().name().toLowerCase(java.util.Locale.ROOT);
        Optional<String> model = config.llmModel().filter(m -> !m.isBlank());
        if (model.isEmpty()) {
            PoetLog.warn(ConfigKeys.LLM_MODEL + " is required for " + ConfigKeys.LLM_PROVIDER + "=" + name);
            return Optional.empty();
        }
        URI base;
        try {
            base = config.llmBaseUrl().filter(u -> !u.isBlank()).map(u -> URI.create(u.trim()))
                    .orElse(ProviderSettings.defaultBaseUrl(kind.get()));
            if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                    || base.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
        } catch (IllegalArgumentException e) {
            PoetLog.warn(ConfigKeys.LLM_BASE_URL + "=" + config.llmBaseUrl().orElse("") + ": " + e.getMessage());
            return Optional.empty();
        }
        Secret key = Secret.of(config.llmApiKey().orElse(null));
        if (!key.isPresent() && kind.get() != LlmProvider.OLLAMA && !isLocal(base)) {
            PoetLog.warn(ConfigKeys.LLM_API_KEY + " (or POET_LLM_API_KEY) is not set; " + name
                    + " will probably refuse the requests");
        }
        ProviderSettings settings = new ProviderSettings(kind.get(), base, model.get(), key, config.llmTimeoutMs(),
                config.llmMaxTokens(), config.llmTemperature(), config.llmMaxAnswerChars(),
                ProviderSettings.DEFAULT_MAX_ATTEMPTS, ProviderSettings.DEFAULT_BACKOFF_INITIAL_MS,
                ProviderSettings.DEFAULT_BACKOFF_MAX_MS);
        ChatProvider provider = Providers.create(settings, RateLimiter.perMinute(config.llmRateLimitPerMinute()));
        GenerationLimits limits = new GenerationLimits(config.llmTotalTimeoutMs(), config.llmRepairTurns(),
                config.llmMaxConcurrent(), config.llmRetryDelayMs());
        // The resolved endpoint, so a base URL given with or without /v1 shows where requests really go; never
        // the user info, which may carry credentials.
        PoetLog.info("LLM generator: " + name + "/" + model.get() + " at " + settings.endpointForDisplay());
        return Optional.of(new LlmSourceGenerator(provider, new PromptBuilder(config.sourcePath()), limits,
                config.llmTemperature(), key));
    }

    private static boolean isLocal(URI base) {
        String host = base.getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }
}
