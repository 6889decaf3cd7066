package dev.poet.core.events;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON form of an {@link Event}, used on disk, by the CLI and over HTTP:
 * <pre>{"id":"…","type":"function.execution","timestamp":1764660000123,"correlation_id":"…","causation_id":null,
 *  "metadata":{"version":"…","environment":"default","service":"billing"},"payload":{…}}</pre>
 * One line, UTF-8, no trailing newline. Values the payload holds that JSON has no form for are written as their
 * {@code toString()}.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private EventJson() {
    }

    /** {@code event} as one line of JSON, UTF-8. */
    public static byte[] encode(Event event) {
        try {
            return MAPPER.writeValueAsBytes(tree(event));
        } catch (IOException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** {@code event} as one line of JSON. */
    public static String toJson(Event event) {
        return new String(encode(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The event {@code bytes} encode. */
    public static Event decode(byte[] bytes, int offset, int length) throws IOException {
        JsonNode node = MAPPER.readTree(bytes, offset, length);
        if (node == null || !node.isObject()) {
            throw new IOException("an event must be a JSON object");
        }
        JsonNode meta = node.path("metadata");
        Map<String, Object> payload = node.hasNonNull("payload")
                ? MAPPER.convertValue(node.get("payload"), MAP) : Map.of();
        return new Event(text(node, "id"), text(node, "type"), node.path("timestamp").asLong(),
                optText(node, "correlation_id"), optText(node, "causation_id"),
                new EventMetadata(text(meta, "version"), text(meta, "environment"), optText(meta, "service")),
                payload);
    }

    /** The event {@code json} encodes. */
    public static Event decode(String json) throws IOException {
        byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return decode(b, 0, b.length);
    }

    private static Map<String, Object> tree(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type());
        m.put("timestamp", e.timestamp());
        m.put("correlation_id", e.correlationId());
        m.put("causation_id", e.causationId());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", e.metadata().version());
        meta.put("environment", e.metadata().environment());
        meta.put("service", e.metadata().service());
        m.put("metadata", meta);
        m.put("payload", jsonable(e.payload()));
        return m;
    }

    private static Object jsonable(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v instanceof Double d && !Double.isFinite(d) ? d.toString()
                    : v instanceof Float f && !Float.isFinite(f) ? f.toString() : v;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(String.valueOf(entry.getKey()), jsonable(entry.getValue()));
            }
            return out;
        }
        if (v instanceof Iterable<?> list) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            for (Object o : list) {
                out.add(jsonable(o));
            }
            return out;
        }
        return String.valueOf(v);
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new IOException("event field " + field + " is missing");
        }
        return v.asText();
    }

    private static String optText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
