package dev.poet.core.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the log, in the schema every reader sees (JSON through {@link EventJson}):
 * {@code id}, {@code type}, {@code timestamp} (epoch milliseconds), {@code correlation_id} (the execution that
 * started the chain, or {@code null}), {@code causation_id} (the event that caused this one, or {@code null}),
 * {@code metadata{version, environment, service}} and {@code payload}.
 *
 * @param id            unique across JVM runs and instances (see {@link EventIds})
 * @param type          a name of {@link EventTypes}, snake case, e.g. {@code function.execution}
 * @param timestamp     epoch milliseconds
 * @param correlationId execution id the event belongs to; {@code null} for engine events not tied to one
 * @param causationId   id of the event that caused this one; {@code null} when none
 * @param metadata      who wrote it
 * @param payload       the type's fields: JSON-able values only (null, Boolean, Number, String, List, Map with
 *                      String keys); an unmodifiable copy
 */
public record Event(String id, String type, long timestamp, String correlationId, String causationId,
                    EventMetadata metadata, Map<String, Object> payload) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metadata, "metadata");
        payload = payload == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** The payload's {@code method} (a method key), or {@code null}. */
    public String method() {
        Object m = payload.get("method");
        return m instanceof String s ? s : null;
    }
}
