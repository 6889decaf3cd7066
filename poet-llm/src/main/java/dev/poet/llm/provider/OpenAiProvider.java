package dev.poet.llm.provider;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's chat completions, which most hosted and local servers also speak (vLLM, LM Studio, llama.cpp,
 * LiteLLM): {@code POST /v1/chat/completions}, {@code Authorization: Bearer}, answer in
 * {@code choices[0].message.content}.
 */
final class OpenAiProvider extends HttpChatProvider {

    OpenAiProvider(ProviderSettings settings, HttpClient http, RateLimiter rateLimiter) {
        super(settings, http, rateLimiter);
    }

    @Override
    public String name() {
        return "openai";
    }


    @Override
    Map<String, String> headers() {
        return bearerAuthorization();
    }

    @Override
    ObjectNode body(String system, List<ChatMessage> messages) {
        ObjectNode body = chatBody(system, messages);
        body.put("max_tokens", settings.maxTokens());
        body.put("temperature", settings.temperature());
        return body;
    }

    @Override
    String text(JsonNode response) throws ProviderException {
        return requireText(response.path("choices").path(0).path("message").get("content"),
                "choices[0].message.content");
    }
}
