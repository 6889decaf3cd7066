package dev.poet.core.config;

import java.util.Objects;

/**
 * One configuration entry POET could not use: a malformed value, an unknown {@code poet.*} key, a malformed
 * {@code poet.methods.include} entry or a configuration file that could not be read. The key it concerns falls
 * back to its default (or, for an include entry, is left out); everything else still applies.
 *
 * @param key    the configuration key concerned, e.g. {@code poet.http.port}; never null
 * @param value  the offending value as given, or null when there was none (e.g. a missing file)
 * @param reason a short human-readable reason, e.g. {@code "not an integer"}; never null
 */
public record ConfigProblem(String key, String value, String reason) {

    /** Rejects null key or reason: a problem that names nothing cannot be acted on. */
    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    /** One line for a log: {@code poet.http.port='abc': not an integer}. */
    @Override
    public String toString() {
        return value == null ? key + ": " + reason : key + "='" + value + "': " + reason;
    }
}
