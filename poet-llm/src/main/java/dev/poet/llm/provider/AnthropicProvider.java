package dev.poet.llm.provider;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic's messages API: {@code POST /v1/messages}, {@code x-api-key} and {@code anthropic-version} headers,
 * the system prompt outside the messages, answer as the concatenated {@code text} blocks of {@code content}.
 */
final class AnthropicProvider extends HttpChatProvider {

    static final String API_VERSION = "2023-06-01";

    AnthropicProvider(ProviderSettings settings, HttpClient http, RateLimiter rateLimiter) {
        super(settings, http, rateLimiter);
    }

    @Override
    public String name() {
        return "anthropic";
    }


    @Override
    Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (settings.apiKey().isPresent()) {
            h.put("x-api-key", settings.apiKey().reveal());
        }
        h.put("anthropic-version", API_VERSION);
        return h;
    }

    @Override
    ObjectNode body(String system, List<ChatMessage> messages) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        body.put("max_tokens", settings.maxTokens());
        body.put("temperature", settings.temperature());
        body.put("system", system);
        ArrayNode list = body.putArray("messages");
        for (ChatMessage m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content());
        }
        return body;
    }

    @Override
    String text(JsonNode response) throws ProviderException {
        JsonNode content = response.get("content");
        if (content == null || !content.isArray()) {
            throw new ProviderException("the answer has no content[]", 0);
        }
        StringBuilder text = new StringBuilder();
        boolean any = false;
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text.append(block.get("text").asText());
                any = true;
            }
        }
        if (!any) {
            throw new ProviderException("the answer has no content[] block of type text", 0);
        }
        return text.toString();
    }
}
