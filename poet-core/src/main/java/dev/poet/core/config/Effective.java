package dev.poet.core.config;

/**
 * The value a key ended up with and why.
 *
 * @param value  the parsed value; null when unset
 * @param origin where exactly (e.g. {@code -Dpoet.home}); null for defaults
 * @param note   extra context for listings (e.g. an invalid value that was ignored); may be null
 */
record Effective(String key, Object value, ConfigSource source, String origin, String note) {
}
