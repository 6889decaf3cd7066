package dev.poet.core.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One response: status, body bytes and extra headers. Bodies are JSON.
 *
 * @param headers unmodifiable
 */
public record Response(int status, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Response {
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** {@code value} (maps, lists, strings, numbers) as a JSON response. */
    public static Response json(int status, Object value) {
        try {
            return new Response(status, MAPPER.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response cannot be encoded: " + e.getOriginalMessage(), e);
        }
    }

    /** Already-encoded JSON. */
    public static Response rawJson(int status, byte[] json) {
        return new Response(status, json, Map.of());
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, body, h);
    }
}
