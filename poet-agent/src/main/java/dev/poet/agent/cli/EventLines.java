package dev.poet.agent.cli;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;

/**
 * Events as people read them: one line each, {@code time  type  method  execution  key=value ...}, or as
 * {@link EventJson} with {@code --json}.
 */
final class EventLines {

    static final int MAX_LINE = 400;
    private static final Set<String> IN_COLUMNS = Set.of("method", "execution_id", "function_name");

    private EventLines() {
    }

    static String json(Event e) {
        return EventJson.toJson(e);
    }

    static String human(Event e) {
        StringBuilder s = new StringBuilder(160);
        s.append(Instant.ofEpochMilli(e.timestamp())).append("  ").append(e.type()).append("  ")
                .append(e.method() == null ? "-" : e.method()).append("  ")
                .append(e.correlationId() == null ? "-" : e.correlationId());
        for (Map.Entry<String, Object> field : e.payload().entrySet()) {
            if (IN_COLUMNS.contains(field.getKey())) {
                continue;
            }
            s.append("  ").append(field.getKey()).append('=').append(value(field.getValue()));
            if (s.length() > MAX_LINE) {
                s.setLength(MAX_LINE - 1);
                s.append('…');
                break;
            }
        }
        return s.toString();
    }

    private static String value(Object v) {
        if (v instanceof String str) {
            return str.isEmpty() || str.chars().anyMatch(c -> c == ' ' || c == '"' || c < 0x20)
                    ? '"' + str.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"' : str;
        }
        if (v instanceof Map<?, ?> || v instanceof Iterable<?>) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(v);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return String.valueOf(v);
            }
        }
        return String.valueOf(v);
    }
}
