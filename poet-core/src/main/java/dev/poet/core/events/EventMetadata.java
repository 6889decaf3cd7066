package dev.poet.core.events;

import java.util.Objects;

/**
 * Who wrote an event: {@code version} is the POET agent's version, {@code environment} and {@code service} come from
 * {@code poet.environment} and {@code poet.service.name}.
 */
public record EventMetadata(String version, String environment, String service) {

    public EventMetadata {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        service = service == null ? "unknown" : service;
    }
}
