package dev.poet.llm.provider;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Ollama's chat API: {@code POST /api/chat} with {@code stream:false}, options {@code temperature} and
 * {@code num_predict}, answer in {@code message.content}. A key, when configured, goes in as a bearer token (for
 * an Ollama behind an authenticating proxy).
 */
final class OllamaProvider extends HttpChatProvider {

    OllamaProvider(ProviderSettings settings, HttpClient http, RateLimiter rateLimiter) {
        super(settings, http, rateLimiter);
    }

    @Override
    public String name() {
        return "ollama";
    }


    @Override
    Map<String, String> headers() {
        return bearerAuthorization();
    }

    @Override
    ObjectNode body(String system, List<ChatMessage> messages) {
        ObjectNode body = chatBody(system, messages);
        body.put("stream", false);
        ObjectNode options = body.putObject("options");
        options.put("temperature", settings.temperature());
        options.put("num_predict", settings.maxTokens());
        return body;
    }

    @Override
    String text(JsonNode response) throws ProviderException {
        return requireText(response.path("message").get("content"), "message.content");
    }
}
